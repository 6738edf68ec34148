using MathNet.Numerics;

namespace CiGate.Core.Comparing.Statistics;

/// <summary>
/// Exact McNemar test on the discordant pairs of a paired binary comparison: under "no change"
/// each discordant item is equally likely to be a regression or an improvement, so the number
/// of regressions among the b + c discordant items is Bin(b + c, ½). The binomial tails come
/// from MathNet's regularised incomplete beta, P(X ≥ k) = I_p(k, n − k + 1), evaluated for the
/// tail itself so a small p-value is never formed as 1 − (something close to 1).
/// </summary>
public static class McNemar
{
    /// <summary>
    /// P(X ≥ b) for X ~ Bin(b + c, ½): the one-sided p-value for "head regressed", where
    /// b = regressions (base right, head wrong) and c = improvements. 1 when b + c = 0.
    /// </summary>
    public static double ExactOneSided(int regressions, int improvements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(regressions);
        ArgumentOutOfRangeException.ThrowIfNegative(improvements);
        _ = checked(regressions + improvements);

        // P(X ≥ 0) = 1; otherwise I_½(b, c + 1).
        return regressions == 0
            ? 1.0
            : Probability(SpecialFunctions.BetaRegularized(regressions, improvements + 1.0, 0.5));
    }

    /// <summary>
    /// Two-sided exact p-value min(1, 2·P(X ≤ min(b, c))), as statsmodels'
    /// <c>mcnemar(table, exact=True)</c> computes it. 1 when b + c = 0.
    /// </summary>
    public static double ExactTwoSided(int b, int c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        _ = checked(b + c);
        if (b == c)
        {
            // Covers b + c = 0; P(X ≤ n/2) ≥ ½ for Bin(n, ½), so the doubled tail caps at 1.
            return 1.0;
        }

        // P(X ≤ k) for X ~ Bin(n, ½) is I_½(n − k, k + 1); with k = min(b, c), n − k = max(b, c).
        var lower = SpecialFunctions.BetaRegularized(Math.Max(b, c), Math.Min(b, c) + 1.0, 0.5);
        return Math.Min(1.0, 2.0 * Probability(lower));
    }

    private static double Probability(double value) => Math.Clamp(value, 0.0, 1.0);
}
