using System.Globalization;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// One declared SLO, e.g. <c>ttft_p95_ms: 250</c>: the load point's p95 TTFT must be at most
/// 250 ms. A request counts towards goodput when its own value is within every limit's bound.
/// Optional <see cref="At"/> ties the SLO to one load point label (e.g. "rate-8").
/// </summary>
public sealed record SloLimit(string Metric, double Percentile, double LimitMs, string? At = null)
{
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Metric}_p{Percentile:0.##}_ms");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric} p{Percentile:0.##} <= {LimitMs:0.###} ms{(At is null ? "" : $" at {At}")}");
}
