using MathNet.Numerics;

namespace CiGate.Core.Comparing.Statistics;

/// <summary>
/// Whether <c>flips</c> of <c>n</c> re-asked items is more than A/A noise allows: the one-sided
/// binomial tail P(X ≥ flips) for X ~ Bin(n, allowed), from the regularised incomplete beta as
/// <see cref="McNemar"/> computes its tails. 1 when there is no flip.
/// </summary>
public static class FlipRateTest
{
    public static double PValue(int flips, int n, double allowed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flips);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(flips, n);
        if (flips == 0)
        {
            return 1.0;
        }

        if (allowed <= 0)
        {
            return 0.0;
        }

        return allowed >= 1
            ? 1.0
            : Math.Clamp(SpecialFunctions.BetaRegularized(flips, n - flips + 1.0, allowed), 0.0, 1.0);
    }
}
