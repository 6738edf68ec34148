namespace CiGate.Core.Coverage;

/// <summary>
/// The constants of a coverage analysis. Defaults were tuned on the tuning split of MMLU-Pro's categories
/// (docs/coverage.md), never on the split the test reports.
/// </summary>
public sealed record CoverageOptions
{
    /// <summary>Character n-gram length of the offline embedder.</summary>
    public int NgramLength { get; init; } = NgramEmbedder.DefaultN;

    /// <summary>Clusters per traffic record: k = round(sqrt(records / <see cref="RecordsPerClusterSquared"/>)), at
    /// least 2.</summary>
    public double RecordsPerClusterSquared { get; init; } = 12;

    /// <summary>The most clusters, whatever the traffic size (bounds CPU: one iteration costs records × non-zeros ×
    /// k).</summary>
    public int MaxClusters { get; init; } = 64;

    /// <summary>
    /// A cluster's radius: the similarity to its centroid that this share of its own traffic reaches or exceeds.
    /// A test case within the radius of its nearest cluster covers it.
    /// </summary>
    public double RadiusQuantile { get; init; } = 0.9;

    /// <summary>Redacted exemplars shown per uncovered cluster.</summary>
    public int Exemplars { get; init; } = 3;

    /// <summary>Top terms that name a cluster (words mode; character n-grams name none).</summary>
    public int Terms { get; init; } = 3;

    /// <summary>Characters of an exemplar shown (longer ones end in an ellipsis).</summary>
    public int ExemplarLength { get; init; } = 200;

    /// <summary>Records kept per cluster, nearest its centroid, for `cigate draft-tests` to draft cases from.</summary>
    public int DraftCandidates { get; init; } = 10;

    /// <summary>The seed of k-means++.</summary>
    public int Seed { get; init; } = 20260;

    public int ClustersFor(int records) =>
        Math.Clamp((int)Math.Round(Math.Sqrt(records / RecordsPerClusterSquared)), Math.Min(2, records), MaxClusters);
}
