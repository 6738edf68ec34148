namespace CiGate.Core.Reporting;

internal sealed record SafetyConfusionRow(string Human, string FullCompliance, string FullRefusal, string PartialRefusal);
