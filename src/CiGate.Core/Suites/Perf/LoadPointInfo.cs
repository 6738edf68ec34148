namespace CiGate.Core.Suites.Perf;

/// <summary>What a load point was asked to do: a label stable across runs, and its rate (open loop) or concurrency (closed loop).</summary>
public sealed record LoadPointInfo(string Label, string Profile, int Repeat, double? TargetRate, int? Concurrency, bool Poisson = false);
