namespace CiGate.Core.Suites.Shared;

/// <summary>An aggregated metric: its mean, standard error and the number of items behind it.</summary>
public sealed record MetricValue(double Mean, double StdErr, int N);
