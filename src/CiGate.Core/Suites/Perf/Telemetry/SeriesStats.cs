namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>A sampled series over one load point: its mean, its maximum and how many samples it had.</summary>
public sealed record SeriesStats(double Mean, double Max, int N);
