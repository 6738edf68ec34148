namespace CiGate.Core.Suites.Shared;

/// <summary>
/// A metric over grouped items. <see cref="Micro"/> weights each item equally (lm-eval's
/// <c>weight_by_size: true</c>); <see cref="Macro"/> weights each group equally. Groups are in
/// ordinal name order.
/// </summary>
public sealed record GroupedMetric(MetricValue Micro, MetricValue Macro, IReadOnlyList<GroupValue> Groups);
