namespace CiGate.Core.History.ChangePoints;

/// <summary>
/// E-Divisive with means (Matteson and James, 2014, exponent 1), as MongoDB uses it for
/// performance series: hierarchical binary segmentation on the energy-distance statistic
/// Q(τ) = nm/(n+m)·(2·E|X−Y| − E|X−X'| − E|Y−Y'|). Each candidate split is kept only when a
/// seeded permutation test within its segment finds it significant. Nonparametric, so it needs no
/// assumption about the noise, and deterministic for a given seed. O(L²) per scan of a segment.
/// </summary>
public static class EDivisive
{
    public static IReadOnlyList<ChangePointEstimate> Detect(IReadOnlyList<double> values, EDivisiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        var data = values.ToArray();
        var cuts = new List<(int Index, double Statistic, double P)>();
        var rng = new SplitMix64((ulong)options.Seed);
        var scratch = new double[data.Length];
        while (cuts.Count < options.MaxChangePoints)
        {
            // The best split of every current segment; the strongest one is tested next.
            var bounds = Bounds(cuts, data.Length);
            var best = (Start: 0, End: 0, Index: -1, Q: double.NegativeInfinity);
            for (var s = 0; s + 1 < bounds.Count; s++)
            {
                var (index, q) = BestSplit(data.AsSpan(bounds[s], bounds[s + 1] - bounds[s]), options.MinSegment);
                if (index >= 0 && q > best.Q)
                {
                    best = (bounds[s], bounds[s + 1], bounds[s] + index, q);
                }
            }

            if (best.Index < 0 || best.Q <= 0)
            {
                break;
            }

            var segment = scratch.AsSpan(0, best.End - best.Start);
            data.AsSpan(best.Start, segment.Length).CopyTo(segment);
            // p = (atLeast + 1) / (R + 1) <= alpha needs atLeast <= alpha·(R + 1) − 1: past that
            // the split cannot become significant, so the test stops early (fast on noise).
            var allowed = (int)Math.Floor(options.Alpha * (options.Permutations + 1)) - 1;
            var atLeast = 0;
            for (var r = 0; r < options.Permutations && atLeast <= allowed; r++)
            {
                rng.Shuffle(segment);
                if (BestSplit(segment, options.MinSegment).Q >= best.Q)
                {
                    atLeast++;
                }
            }

            var p = (atLeast + 1.0) / (options.Permutations + 1.0);
            if (p > options.Alpha)
            {
                break;
            }

            cuts.Add((best.Index, best.Q, p));
        }

        var ordered = cuts.OrderBy(c => c.Index).ToList();
        var edges = Bounds(cuts, data.Length);
        return [.. ordered.Select((c, i) => new ChangePointEstimate(c.Index, c.Statistic, c.P, Mean(data, edges[i], c.Index), Mean(data, c.Index, edges[i + 2])))];
    }

    /// <summary>The split with the largest Q in <paramref name="x"/> (index of the first point after it), or -1.</summary>
    internal static (int Index, double Q) BestSplit(ReadOnlySpan<double> x, int minSegment)
    {
        var length = x.Length;
        minSegment = Math.Max(2, minSegment);
        if (length < 2 * minSegment)
        {
            return (-1, double.NegativeInfinity);
        }

        // left[t]: sum of |xi − xj| over pairs inside x[0..t); right[t]: inside x[t..L).
        var left = new double[length + 1];
        var right = new double[length + 1];
        for (var t = 1; t < length; t++)
        {
            var add = 0.0;
            for (var i = 0; i < t; i++)
            {
                add += Math.Abs(x[t] - x[i]);
            }

            left[t + 1] = left[t] + add;
        }

        for (var t = length - 2; t >= 0; t--)
        {
            var add = 0.0;
            for (var j = t + 1; j < length; j++)
            {
                add += Math.Abs(x[t] - x[j]);
            }

            right[t] = right[t + 1] + add;
        }

        var total = left[length];
        var best = (Index: -1, Q: double.NegativeInfinity);
        for (var t = minSegment; t <= length - minSegment; t++)
        {
            double n = t, m = length - t;
            var cross = total - left[t] - right[t];
            var energy = (2.0 * cross / (n * m)) - (2.0 * left[t] / (n * (n - 1))) - (2.0 * right[t] / (m * (m - 1)));
            var q = n * m / (n + m) * energy;
            if (q > best.Q)
            {
                best = (t, q);
            }
        }

        return best;
    }

    private static List<int> Bounds(List<(int Index, double Statistic, double P)> cuts, int length) =>
        [0, .. cuts.Select(c => c.Index).Order(), length];

    private static double Mean(double[] data, int from, int to)
    {
        var sum = 0.0;
        for (var i = from; i < to; i++)
        {
            sum += data[i];
        }

        return to > from ? sum / (to - from) : double.NaN;
    }
}
