namespace CiGate.Core.Suites.Safety;

internal sealed record SafetyConfusionRow(string Human, string FullCompliance, string FullRefusal, string PartialRefusal);
