using MathNet.Numerics.Distributions;

namespace CiGate.Core.Comparing.Statistics;

/// <summary>
/// Paired comparison of a right/wrong metric on the same items: only the discordant items
/// carry information, which is why this is far tighter than comparing two accuracies unpaired.
/// </summary>
public static class PairedBinary
{
    /// <summary>Compares per-item correctness; both spans are indexed by the same joined items.</summary>
    public static PairedBinaryResult Compare(ReadOnlySpan<bool> baseCorrect, ReadOnlySpan<bool> headCorrect, double confidence = 0.95)
    {
        if (baseCorrect.Length != headCorrect.Length)
        {
            throw new ArgumentException(
                $"Paired runs must have the same items: base has {baseCorrect.Length}, head has {headCorrect.Length}.",
                nameof(headCorrect));
        }

        int bothRight = 0, regressions = 0, improvements = 0;
        for (var i = 0; i < baseCorrect.Length; i++)
        {
            if (baseCorrect[i] && headCorrect[i])
            {
                bothRight++;
            }
            else if (baseCorrect[i])
            {
                regressions++;
            }
            else if (headCorrect[i])
            {
                improvements++;
            }
        }

        return FromCounts(baseCorrect.Length, bothRight, regressions, improvements, confidence);
    }

    /// <summary>
    /// Builds the comparison from the 2×2 table: n items, bothRight, regressions (b: base right,
    /// head wrong) and improvements (c: base wrong, head right); both-wrong is the remainder.
    /// Delta = (c − b)/n; StdErr = √(b + c − (c − b)²/n)/n; CI = Delta ± z·StdErr, clamped to
    /// [−1, 1] because a difference of two proportions cannot leave it.
    /// </summary>
    public static PairedBinaryResult FromCounts(int n, int bothRight, int regressions, int improvements, double confidence = 0.95)
    {
        if (n <= 0)
        {
            throw new ArgumentException($"A paired comparison needs at least one item; got n = {n}.", nameof(n));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bothRight);
        ArgumentOutOfRangeException.ThrowIfNegative(regressions);
        ArgumentOutOfRangeException.ThrowIfNegative(improvements);
        if ((long)bothRight + regressions + improvements > n)
        {
            throw new ArgumentException(
                $"bothRight ({bothRight}) + regressions ({regressions}) + improvements ({improvements}) exceeds n ({n}).",
                nameof(n));
        }

        var z = ZFor(confidence);
        double b = regressions, c = improvements;
        var delta = (c - b) / n;

        // (c − b)² ≤ (b + c)² ≤ n(b + c), so the radicand is never negative; Max guards rounding.
        var stdErr = Math.Sqrt(Math.Max(0, b + c - ((c - b) * (c - b) / n))) / n;
        return new PairedBinaryResult(
            N: n,
            BaseCorrect: bothRight + regressions,
            HeadCorrect: bothRight + improvements,
            Regressions: regressions,
            Improvements: improvements,
            BaseRate: (double)(bothRight + regressions) / n,
            HeadRate: (double)(bothRight + improvements) / n,
            Delta: delta,
            StdErr: stdErr,
            CiLow: Math.Max(-1, delta - (z * stdErr)),
            CiHigh: Math.Min(1, delta + (z * stdErr)),
            PValueRegression: McNemar.ExactOneSided(regressions, improvements),
            PValueTwoSided: McNemar.ExactTwoSided(regressions, improvements),
            FlipRate: (b + c) / n);
    }

    /// <summary>The two-sided normal critical value for a confidence level, e.g. 1.959964 for 0.95.</summary>
    internal static double ZFor(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must lie strictly between 0 and 1.");
        }

        return Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
    }
}
