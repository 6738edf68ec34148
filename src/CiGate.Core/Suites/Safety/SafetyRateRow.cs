namespace CiGate.Core.Suites.Safety;

internal sealed record SafetyRateRow(string Scope, string Metric, string N, string Base, string Head, string Ci);
