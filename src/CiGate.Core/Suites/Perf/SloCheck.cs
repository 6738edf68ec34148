namespace CiGate.Core.Suites.Perf;

/// <summary>One SLO at one load point: the measured statistic and whether it stayed within the limit.</summary>
public sealed record SloCheck(string Slo, double Value, double LimitMs, bool Met);
