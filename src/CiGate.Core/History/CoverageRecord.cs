namespace CiGate.Core.History;

/// <summary>
/// One `cigate coverage --history` measurement as the history store keeps it: where and when (as a run), the
/// traffic's SHA-256 (never its text), the embedder and suites that measured it, and the numbers: coverage, the
/// cluster count, the uncovered clusters, the uncovered share of traffic and of negative feedback.
/// <see cref="MeasurementId"/> is derived from the traffic, the cases, the embedder and the commit, so recording
/// the same measurement twice is a no-op.
/// </summary>
public sealed record CoverageRecord(
    string MeasurementId,
    RunIdentity Identity,
    DateTimeOffset MeasuredAt,
    string ToolVersion,
    string TrafficSha256,
    string Embedder,
    string Suites,
    int Records,
    int TestCases,
    int Clusters,
    int UncoveredClusters,
    double Coverage,
    double UncoveredShare,
    double UncoveredNegativeShare)
{
    /// <summary>The metrics `history trend --coverage --metric` can show, as stored.</summary>
    public static IReadOnlyList<string> Metrics { get; } =
        ["coverage", "clusters", "uncovered_clusters", "uncovered_share", "uncovered_negative_share"];
}
