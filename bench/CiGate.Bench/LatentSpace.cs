using CiGate.Core.Coverage;
using MathNet.Numerics.LinearAlgebra;

namespace CiGate.Bench;

/// <summary>
/// Latent semantic analysis (LSA) of the traffic, unsupervised: a truncated SVD of the traffic's TF-IDF matrix
/// (randomized range finder, Halko, Martinsson and Tropp 2011, with power iterations), fitted on at most
/// <see cref="MaxSample"/> records (a seeded sample) and on the features at least 2 of them hold. A text's latent
/// vector is its TF-IDF vector projected on the top right singular vectors, L2-normalised, so cosine similarity in
/// the latent space relates texts that share no word but share co-occurring words (a topic).
/// </summary>
internal sealed class LatentSpace
{
    /// <summary>Records the SVD is fitted on at most (a seeded sample of larger traffic).</summary>
    public const int MaxSample = 20_000;

    private const int Oversampling = 10;
    private const int PowerIterations = 2;

    private readonly Dictionary<int, int> column;
    private readonly float[] loadings;

    private LatentSpace(Dictionary<int, int> column, float[] loadings, int dimensions)
    {
        this.column = column;
        this.loadings = loadings;
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    public static LatentSpace Fit(IReadOnlyList<SparseVector> points, int dimensions, int seed)
    {
        var random = new Random(seed);
        var sample = points.Count <= MaxSample
            ? [.. points]
            : Enumerable.Range(0, points.Count).OrderBy(_ => random.Next()).Take(MaxSample).Order()
                .Select(i => points[i]).ToArray();
        var df = new Dictionary<int, int>();
        foreach (var point in sample)
        {
            foreach (var index in point.Indices)
            {
                df[index] = df.GetValueOrDefault(index) + 1;
            }
        }

        var column = new Dictionary<int, int>();
        foreach (var index in df.Where(p => p.Value >= 2).Select(p => p.Key).Order())
        {
            column[index] = column.Count;
        }

        var rows = sample.Select(p => Compact(p, column)).ToArray();
        var n = rows.Length;
        var m = column.Count;
        var l = Math.Min(dimensions + Oversampling, Math.Min(n, m));
        if (l < 1)
        {
            return new LatentSpace(column, [], 0);
        }

        // Y = A Ω, Ω Gaussian m × l; power iterations Y = A (Aᵀ Q); Q = orth(Y); Bᵀ = Aᵀ Q.
        var omega = new double[m * l];
        for (var i = 0; i < omega.Length; i++)
        {
            omega[i] = Gaussian(random);
        }

        var q = Orthonormal(Times(rows, omega, n, l), n, l);
        for (var i = 0; i < PowerIterations; i++)
        {
            var z = Orthonormal(TransposeTimes(rows, q, m, l), m, l);
            q = Orthonormal(Times(rows, z, n, l), n, l);
        }

        var bt = Matrix<double>.Build.DenseOfRowMajor(m, l, TransposeTimes(rows, q, m, l));
        var evd = bt.TransposeThisAndMultiply(bt).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, l).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var d = Math.Min(dimensions, l);
        var basis = Matrix<double>.Build.Dense(l, d);
        for (var j = 0; j < d; j++)
        {
            var sigma = Math.Sqrt(Math.Max(evd.EigenValues[order[j]].Real, 1e-12));
            basis.SetColumn(j, evd.EigenVectors.Column(order[j]) / sigma);
        }

        // V = Bᵀ U Σ⁻¹: the top right singular vectors, m × d; stored term-major for projection.
        var v = bt * basis;
        var loadings = new float[m * d];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < d; j++)
            {
                loadings[(i * d) + j] = (float)v[i, j];
            }
        }

        return new LatentSpace(column, loadings, d);
    }

    /// <summary>The L2-normalised latent vector of a TF-IDF vector (all zeros when it holds no fitted
    /// feature).</summary>
    public float[] Project(SparseVector point)
    {
        var result = new float[Dimensions];
        for (var i = 0; i < point.Indices.Length; i++)
        {
            if (column.TryGetValue(point.Indices[i], out var row))
            {
                var value = point.Values[i];
                var span = loadings.AsSpan(row * Dimensions, Dimensions);
                for (var j = 0; j < span.Length; j++)
                {
                    result[j] += value * span[j];
                }
            }
        }

        var norm = 0.0;
        foreach (var x in result)
        {
            norm += x * x;
        }

        if (norm > 0)
        {
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var j = 0; j < result.Length; j++)
            {
                result[j] *= scale;
            }
        }

        return result;
    }

    private static (int[] Columns, float[] Values) Compact(SparseVector point, Dictionary<int, int> column)
    {
        var columns = new List<int>(point.Indices.Length);
        var values = new List<float>(point.Indices.Length);
        for (var i = 0; i < point.Indices.Length; i++)
        {
            if (column.TryGetValue(point.Indices[i], out var c))
            {
                columns.Add(c);
                values.Add(point.Values[i]);
            }
        }

        return ([.. columns], [.. values]);
    }

    /// <summary>A X: rows of A (sparse) times X (m × l, row-major), n × l row-major.</summary>
    private static double[] Times((int[] Columns, float[] Values)[] rows, double[] x, int n, int l)
    {
        var result = new double[n * l];
        Parallel.For(0, n, i =>
        {
            var (columns, values) = rows[i];
            var target = result.AsSpan(i * l, l);
            for (var p = 0; p < columns.Length; p++)
            {
                var source = x.AsSpan(columns[p] * l, l);
                var value = values[p];
                for (var j = 0; j < l; j++)
                {
                    target[j] += value * source[j];
                }
            }
        });
        return result;
    }

    /// <summary>Aᵀ X: X n × l row-major, the result m × l row-major.</summary>
    private static double[] TransposeTimes((int[] Columns, float[] Values)[] rows, double[] x, int m, int l)
    {
        var result = new double[m * l];
        for (var i = 0; i < rows.Length; i++)
        {
            var (columns, values) = rows[i];
            var source = x.AsSpan(i * l, l);
            for (var p = 0; p < columns.Length; p++)
            {
                var target = result.AsSpan(columns[p] * l, l);
                var value = values[p];
                for (var j = 0; j < l; j++)
                {
                    target[j] += value * source[j];
                }
            }
        }

        return result;
    }

    /// <summary>An orthonormal basis of the columns of a rows × l row-major matrix (thin QR), row-major.</summary>
    private static double[] Orthonormal(double[] data, int rows, int l)
    {
        var q = Matrix<double>.Build.DenseOfRowMajor(rows, l, data).QR(MathNet.Numerics.LinearAlgebra.Factorization
            .QRMethod.Thin).Q;
        var result = new double[rows * l];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < l; j++)
            {
                result[(i * l) + j] = q[i, j];
            }
        }

        return result;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
