namespace CiGate.Core.Coverage;

/// <summary>
/// What `cigate coverage` reports: the share of traffic in covered clusters and every cluster, largest
/// uncovered first. Exemplars are redacted traffic; nothing else of the traffic is kept.
/// </summary>
public sealed record CoverageReport(
    int Records,
    int TestCases,
    int NegativeFeedback,
    double Coverage,
    IReadOnlyList<CoverageCluster> Clusters)
{
    public IEnumerable<CoverageCluster> Uncovered => Clusters.Where(c => !c.Covered);
}

/// <summary>
/// One cluster of traffic: its share of all traffic and of all negative feedback, the test cases within its
/// radius (cosine similarity to the centroid), and exemplars (the redacted records nearest the centroid). With a
/// results folder (<see cref="ClusterPassRates"/>): how many of its test cases have results and their mean pass rate.
/// <see cref="TopTerms"/> name it.
/// </summary>
public sealed record CoverageCluster(
    int Id,
    int Records,
    double TrafficShare,
    int NegativeFeedback,
    double NegativeFeedbackShare,
    double Radius,
    int TestCases,
    IReadOnlyList<string> Exemplars,
    int CasesWithResults = 0,
    double? PassRate = null,
    IReadOnlyList<string>? Terms = null)
{
    public bool Covered => TestCases > 0;

    /// <summary>The words that weigh most in the cluster's records (TF-IDF summed), its name; none with character
    /// n-grams.</summary>
    public IReadOnlyList<string> TopTerms => Terms ?? [];
}
