namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Unpaired percentile bootstrap of the relative change of a quantile (head / base − 1): requests
/// of two runs are independent samples, not pairs. Seeded, so the same runs give the same interval.
/// </summary>
public static class QuantileBootstrap
{
    public sealed record Result(double Base, double Head, double Change, double CiLow, double CiHigh, double PIncrease, int BaseN, int HeadN);

    public static Result? RelativeChange(IReadOnlyList<double> baseValues, IReadOnlyList<double> headValues, double percentile, double confidence, int seed, int iterations = 1000)
    {
        if (baseValues.Count < 2 || headValues.Count < 2)
        {
            return null;
        }

        var b = baseValues.ToArray();
        var h = headValues.ToArray();
        var baseQ = Quantile((double[])b.Clone(), percentile);
        var headQ = Quantile((double[])h.Clone(), percentile);
        if (baseQ <= 0)
        {
            return null;
        }

        // Large pooled-gap samples cost O(n) per resample; fewer resamples keep compare under a second.
        var rounds = b.Length + h.Length > 50_000 ? Math.Min(iterations, 300) : iterations;
        var random = new Random(seed);
        var changes = new double[rounds];
        var sb = new double[b.Length];
        var sh = new double[h.Length];
        var increases = 0;
        for (var i = 0; i < rounds; i++)
        {
            Resample(b, sb, random);
            Resample(h, sh, random);
            var qb = Quantile(sb, percentile);
            var qh = Quantile(sh, percentile);
            changes[i] = qb > 0 ? (qh / qb) - 1 : 0;
            increases += changes[i] > 0 ? 1 : 0;
        }

        Array.Sort(changes);
        var alpha = (1 - confidence) / 2;
        return new Result(baseQ, headQ, (headQ / baseQ) - 1, Distribution.Percentile(changes, alpha * 100), Distribution.Percentile(changes, (1 - alpha) * 100), (double)increases / rounds, b.Length, h.Length);
    }

    private static void Resample(double[] source, double[] target, Random random)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = source[random.Next(source.Length)];
        }
    }

    /// <summary>Linear-interpolated quantile by selection (O(n)); reorders <paramref name="values"/>.</summary>
    public static double Quantile(double[] values, double percentile)
    {
        var position = percentile / 100 * (values.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, values.Length - 1);
        var lowValue = Select(values, low);
        if (high == low)
        {
            return lowValue;
        }

        // After selecting low, the next order statistic is the minimum of the part above it.
        var highValue = double.MaxValue;
        for (var i = low + 1; i < values.Length; i++)
        {
            highValue = Math.Min(highValue, values[i]);
        }

        return lowValue + ((highValue - lowValue) * (position - low));
    }

    private static double Select(double[] a, int k)
    {
        int left = 0, right = a.Length - 1;
        while (left < right)
        {
            var pivot = a[(left + right) >>> 1];
            int i = left, j = right;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }

                while (a[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                break;
            }
        }

        return a[k];
    }
}
