namespace CiGate.Core.Coverage;

/// <summary>
/// Spherical k-means on L2-normalised sparse vectors (cosine similarity): k-means++ seeding from a fixed seed,
/// then Lloyd iterations until fewer than 0.1% of points move or <see cref="MaxIterations"/> pass.
/// Centroids are dense and stored feature-major (<c>[feature * k + cluster]</c>), so scoring one point against
/// every centroid walks its non-zeros once: O(points × non-zeros × k) per iteration. Deterministic: the seed
/// fixes the seeding, and the parallel assignment writes each point's own slot.
/// </summary>
public sealed class SphericalKMeans
{
    public const int MaxIterations = 20;

    private readonly int dimensions;
    private readonly int k;
    private readonly float[] centroids;

    private SphericalKMeans(int dimensions, int k, float[] centroids)
    {
        this.dimensions = dimensions;
        this.k = k;
        this.centroids = centroids;
    }

    public int K => k;

    public static (SphericalKMeans Model, int[] Assignments, float[] Similarities) Fit(
        IReadOnlyList<SparseVector> points, int k, int dimensions, int seed = 20260)
    {
        k = Math.Clamp(k, 1, points.Count);
        var model = new SphericalKMeans(dimensions, k, new float[(long)dimensions * k > int.MaxValue
            ? throw new ArgumentOutOfRangeException(nameof(k)) : dimensions * k]);
        model.Seed(points, seed);
        var assignments = new int[points.Count];
        var similarities = new float[points.Count];
        Array.Fill(assignments, -1);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var moved = 0;
            Parallel.For(0, points.Count, () => 0, (i, _, local) =>
            {
                var (cluster, similarity) = model.Nearest(points[i]);
                similarities[i] = similarity;
                if (assignments[i] != cluster)
                {
                    assignments[i] = cluster;
                    local++;
                }

                return local;
            }, local => Interlocked.Add(ref moved, local));
            if (iteration > 0 && moved < points.Count / 1000)
            {
                break;
            }

            model.Update(points, assignments);
        }

        return (model, assignments, similarities);
    }

    /// <summary>The most similar centroid and the cosine similarity to it.</summary>
    public (int Cluster, float Similarity) Nearest(SparseVector point)
    {
        Span<float> scores = k <= 512 ? stackalloc float[k] : new float[k];
        scores.Clear();
        for (var i = 0; i < point.Indices.Length; i++)
        {
            var value = point.Values[i];
            var row = centroids.AsSpan(point.Indices[i] * k, k);
            for (var c = 0; c < k; c++)
            {
                scores[c] += value * row[c];
            }
        }

        var best = 0;
        for (var c = 1; c < k; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return (best, scores[best]);
    }

    private void Seed(IReadOnlyList<SparseVector> points, int seed)
    {
        var random = new Random(seed);
        var best = new float[points.Count];
        var dense = new float[dimensions];
        var chosen = random.Next(points.Count);
        for (var c = 0; c < k; c++)
        {
            var center = points[chosen];
            SetCentroid(c, center);
            for (var j = 0; j < center.Indices.Length; j++)
            {
                dense[center.Indices[j]] = center.Values[j];
            }

            var total = 0.0;
            for (var i = 0; i < points.Count; i++)
            {
                best[i] = c == 0 ? points[i].Dot(dense) : Math.Max(best[i], points[i].Dot(dense));
                var distance = Math.Max(0, 1 - best[i]);
                total += distance * distance;
            }

            foreach (var index in center.Indices)
            {
                dense[index] = 0;
            }

            // The next center: drawn with probability proportional to the squared distance to the nearest chosen one.
            var target = random.NextDouble() * total;
            chosen = points.Count - 1;
            for (var i = 0; i < points.Count; i++)
            {
                var distance = Math.Max(0, 1 - best[i]);
                target -= distance * distance;
                if (target <= 0)
                {
                    chosen = i;
                    break;
                }
            }
        }
    }

    private void SetCentroid(int cluster, SparseVector vector)
    {
        for (var j = 0; j < vector.Indices.Length; j++)
        {
            centroids[(vector.Indices[j] * k) + cluster] = vector.Values[j];
        }
    }

    private void Update(IReadOnlyList<SparseVector> points, int[] assignments)
    {
        var sums = new float[centroids.Length];
        var counts = new int[k];
        for (var i = 0; i < points.Count; i++)
        {
            var cluster = assignments[i];
            counts[cluster]++;
            var point = points[i];
            for (var j = 0; j < point.Indices.Length; j++)
            {
                sums[(point.Indices[j] * k) + cluster] += point.Values[j];
            }
        }

        var norms = new double[k];
        for (var f = 0; f < dimensions; f++)
        {
            for (var c = 0; c < k; c++)
            {
                var v = sums[(f * k) + c];
                norms[c] += v * v;
            }
        }

        for (var f = 0; f < dimensions; f++)
        {
            for (var c = 0; c < k; c++)
            {
                // An empty cluster keeps its centroid.
                if (counts[c] > 0)
                {
                    centroids[(f * k) + c] = norms[c] > 0 ? (float)(sums[(f * k) + c] / Math.Sqrt(norms[c])) : 0;
                }
            }
        }
    }
}
