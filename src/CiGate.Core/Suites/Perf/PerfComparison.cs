namespace CiGate.Core.Suites.Perf;

/// <summary>
/// A perf suite, head against base: per load point and gated statistic, the relative change with
/// its bootstrap interval and the margin it was held to; the head's SLO checks; and which noise
/// estimate widened the margin (an A/A pair of base repeats, or none).
/// </summary>
public sealed record PerfComparison(
    IReadOnlyList<PerfChange> Changes,
    IReadOnlyList<PerfSloResult> Slos,
    IReadOnlyList<PerfCurvePoint> Curve,
    string NoiseEstimate,
    double MarginPercent,
    double WarnPercent,
    double? BaseCapacity,
    double? HeadCapacity,
    string? CapacityUnit,
    IReadOnlyList<string> InvalidLoadPoints,
    double HeadErrorRate,
    string? HeadEnvironment = null);

/// <summary>One statistic (e.g. ttft p95) at one load point. Percentages are head / base − 1; latency: up is worse.</summary>
public sealed record PerfChange(
    string LoadPoint,
    string Metric,
    double Percentile,
    double Base,
    double Head,
    double ChangePercent,
    double CiLowPercent,
    double CiHighPercent,
    double MarginPercent,
    double? NoisePercent,
    bool Regressed,
    bool Warned,
    int BaseN,
    int HeadN,
    bool Gated = true);

/// <summary>An SLO the gate holds the head run to, at one load point.</summary>
public sealed record PerfSloResult(string LoadPoint, SloCheck Check);

/// <summary>One point of the latency-vs-throughput curve: achieved requests/s and TTFT/ITL at p50 and p95.</summary>
/// <remarks><see cref="FlaggedShare"/>: the share of requests whose first token was not timed.</remarks>
public sealed record PerfCurvePoint(string Side, string LoadPoint, double RequestsPerSecond, double TtftP50, double TtftP95, double ItlP50, double ItlP95, double OutputTokensPerSecond,
    IReadOnlyDictionary<string, Telemetry.SeriesStats>? Samples = null,
    [property: System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? FlaggedShare = null);
