namespace CiGate.Core.Coverage;

/// <summary>
/// Measures how much of the traffic a suite's test cases cover: embeds both (<see cref="NgramEmbedder"/>, IDF from
/// the traffic), clusters the traffic (<see cref="SphericalKMeans"/>, k from <see
/// cref="CoverageOptions.ClustersFor"/>),
/// gives each cluster a radius (<see cref="CoverageOptions.RadiusQuantile"/> of its records are at least that
/// similar to its centroid), and counts a cluster covered when a test case whose nearest centroid it is lies
/// within that radius. Coverage = the share of traffic in covered clusters.
/// </summary>
public static class CoverageAnalyzer
{
    /// <summary>English function words never used as a cluster's name (they still count in the embedding).</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "your", "all", "any", "can", "was", "were", "has", "have",
        "had", "this", "that", "these", "those", "with", "from", "what", "which", "who", "whom", "why", "when",
        "where", "how", "does", "did", "will", "would", "should", "could", "its", "our", "their", "there", "they",
        "them", "his", "her", "she", "him", "than", "then", "into", "about", "been", "being", "also", "only",
    };

    public static CoverageAnalysis Analyze(IReadOnlyList<TrafficRecord> traffic, IReadOnlyList<string> testCases,
        CoverageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(testCases);
        options ??= new CoverageOptions();
        var texts = traffic.Select(t => t.Text).ToArray();
        var embedder = NgramEmbedder.Fit(texts, options.NgramLength);
        var points = new SparseVector[texts.Length];
        Parallel.For(0, texts.Length, i => points[i] = embedder.Embed(texts[i]));
        return Analyze(traffic, testCases, options, points, [.. testCases.Select(embedder.Embed)], embedder.Dimensions,
            points, embedder);
    }

    /// <summary>
    /// The same with dense vectors from another embedder (a target's embeddings endpoint, <see
    /// cref="TargetEmbedder"/>), one per traffic record and per test case in input order; clusters are still named
    /// by their top TF-IDF words.
    /// </summary>
    public static CoverageAnalysis Analyze(IReadOnlyList<TrafficRecord> traffic, IReadOnlyList<string> testCases,
        IReadOnlyList<float[]> trafficVectors, IReadOnlyList<float[]> caseVectors, CoverageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(testCases);
        ArgumentNullException.ThrowIfNull(trafficVectors);
        ArgumentNullException.ThrowIfNull(caseVectors);
        options ??= new CoverageOptions();
        var dimensions = trafficVectors.Count == 0 ? 1 : trafficVectors[0].Length;
        var texts = traffic.Select(t => t.Text).ToArray();
        var words = NgramEmbedder.Fit(texts);
        var wordPoints = new SparseVector[texts.Length];
        Parallel.For(0, texts.Length, i => wordPoints[i] = words.Embed(texts[i]));
        return Analyze(traffic, testCases, options, [.. trafficVectors.Select(Dense)], [.. caseVectors.Select(Dense)],
            dimensions, wordPoints, words);
    }

    /// <summary>A dense vector as a sparse one over every dimension, L2-normalised (cosine is what k-means
    /// uses).</summary>
    private static SparseVector Dense(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        var scale = norm == 0 ? 0 : (float)(1 / norm);
        return new SparseVector([.. Enumerable.Range(0, vector.Length)], [.. vector.Select(v => v * scale)]);
    }

    private static CoverageAnalysis Analyze(IReadOnlyList<TrafficRecord> traffic, IReadOnlyList<string> testCases,
        CoverageOptions options, SparseVector[] points, SparseVector[] casePoints, int dimensions,
        SparseVector[] wordPoints, NgramEmbedder namer)
    {
        var texts = traffic.Select(t => t.Text).ToArray();
        var k = options.ClustersFor(points.Length);
        var (model, assignments, similarities) = SphericalKMeans.Fit(points, k, dimensions, options.Seed);
        k = model.K;

        var members = new List<int>[k];
        for (var c = 0; c < k; c++)
        {
            members[c] = [];
        }

        for (var i = 0; i < assignments.Length; i++)
        {
            members[assignments[i]].Add(i);
        }

        var radius = new double[k];
        for (var c = 0; c < k; c++)
        {
            if (members[c].Count == 0)
            {
                radius[c] = double.PositiveInfinity;
                continue;
            }

            var sims = members[c].Select(i => similarities[i]).OrderByDescending(s => s).ToArray();
            radius[c] = sims[Math.Min(sims.Length - 1, (int)Math.Ceiling(options.RadiusQuantile * sims.Length) - 1)];
        }

        var caseCounts = new int[k];
        var caseCluster = new int[testCases.Count];
        for (var t = 0; t < testCases.Count; t++)
        {
            var (cluster, similarity) = model.Nearest(casePoints[t]);
            caseCluster[t] = -1;
            if (similarity >= radius[cluster])
            {
                caseCounts[cluster]++;
                caseCluster[t] = cluster;
            }
        }

        var negativeTotal = traffic.Count(t => t.NegativeFeedback);
        var clusters = new List<CoverageCluster>(k);
        for (var c = 0; c < k; c++)
        {
            if (members[c].Count == 0)
            {
                continue;
            }

            var negative = members[c].Count(i => traffic[i].NegativeFeedback);
            var exemplars = members[c]
                .OrderByDescending(i => similarities[i]).ThenBy(i => i)
                .Select(i => Shorten(texts[i], options.ExemplarLength))
                .Distinct(StringComparer.Ordinal)
                .Take(options.Exemplars)
                .ToArray();
            clusters.Add(new CoverageCluster(
                c,
                members[c].Count,
                (double)members[c].Count / traffic.Count,
                negative,
                negativeTotal == 0 ? 0 : (double)negative / negativeTotal,
                Math.Round(radius[c], 4),
                caseCounts[c],
                exemplars,
                Terms: TopTerms(members[c], wordPoints, namer, options.Terms)));
        }

        // Largest uncovered first, then covered by size; ids renumbered in that order so reports read 1, 2, 3.
        var ordered = clusters.OrderBy(c => c.Covered).ThenByDescending(c => c.Records).ThenBy(c => c.Id).ToList();
        var renumber = new int[k];
        for (var i = 0; i < ordered.Count; i++)
        {
            renumber[ordered[i].Id] = i + 1;
            ordered[i] = ordered[i] with { Id = i + 1 };
        }

        var covered = ordered.Where(c => c.Covered).Sum(c => c.Records);
        var report = new CoverageReport(traffic.Count, testCases.Count, negativeTotal,
            (double)covered / traffic.Count, ordered);
        var nearest = new Dictionary<int, IReadOnlyList<int>>();
        for (var c = 0; c < k; c++)
        {
            if (members[c].Count > 0)
            {
                // Distinct texts nearest the centroid first: what draft-tests turns into cases.
                nearest[renumber[c]] = [.. members[c].OrderByDescending(i => similarities[i]).ThenBy(i => i)
                    .DistinctBy(i => texts[i], StringComparer.Ordinal).Take(options.DraftCandidates)];
            }
        }

        return new CoverageAnalysis(report, [.. assignments.Select(a => renumber[a])],
            [.. caseCluster.Select(c => c < 0 ? 0 : renumber[c])])
        {
            NearestRecords = nearest,
        };
    }

    /// <summary>The words with the largest summed TF-IDF weight over a cluster's records, function words skipped
    /// (words mode only).</summary>
    private static string[] TopTerms(List<int> members, SparseVector[] points, NgramEmbedder embedder, int count)
    {
        if (embedder.N != 0 || count <= 0)
        {
            return [];
        }

        var sums = new Dictionary<int, float>();
        foreach (var i in members)
        {
            var point = points[i];
            for (var j = 0; j < point.Indices.Length; j++)
            {
                sums[point.Indices[j]] = sums.GetValueOrDefault(point.Indices[j]) + point.Values[j];
            }
        }

        return [.. sums.OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Select(p => embedder.Term(p.Key)).OfType<string>().Where(t => !StopWords.Contains(t)).Take(count)];
    }

    private static string Shorten(string text, int length)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= length ? flat : string.Concat(flat.AsSpan(0, length - 1), "…");
    }
}

/// <summary>
/// The report and, per traffic record (in input order), the id of its cluster in the report; per test case (in input
/// order), the id of the cluster it covers, or 0 when it lies outside the radius of its nearest cluster.
/// </summary>
public sealed record CoverageAnalysis(CoverageReport Report, IReadOnlyList<int> ClusterOf,
    IReadOnlyList<int> CaseClusterOf)
{
    /// <summary>Per cluster id, the indices of its records with distinct texts, nearest the centroid first (at most
    /// <see cref="CoverageOptions.DraftCandidates"/>).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<int>> NearestRecords { get; init; } =
        new Dictionary<int, IReadOnlyList<int>>();
}
