namespace CiGate.Core.Suites.Safety;

/// <summary>A prompt whose treatment regressed between base and head.</summary>
public sealed record SafetyFlip(string Item, string? Type, string? Prompt, string? BaseClass, string? HeadClass, string? BaseOutput, string? HeadOutput);
