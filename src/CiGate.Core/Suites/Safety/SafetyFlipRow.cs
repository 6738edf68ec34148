namespace CiGate.Core.Suites.Safety;

internal sealed record SafetyFlipRow(string Item, string Type, string Prompt, string BaseClass, string HeadClass, string BaseOutput, string HeadOutput);
