namespace CiGate.Core.Reporting;

internal sealed record SafetyRateRow(string Scope, string Metric, string N, string Base, string Head, string Ci);
