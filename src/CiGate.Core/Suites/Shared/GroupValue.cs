namespace CiGate.Core.Suites.Shared;

/// <summary>One group's (e.g. an MMLU-Pro category's) aggregated metric.</summary>
public sealed record GroupValue(string Group, MetricValue Value);
