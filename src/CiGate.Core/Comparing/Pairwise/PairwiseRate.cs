namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// A win rate over <see cref="Items"/> items (ties count half) with its 95% Wilson interval. With
/// ties the item score's variance is below p(1 − p), so the interval is, if anything, too wide.
/// </summary>
public sealed record PairwiseRate(int Items, double Rate, double Low, double High)
{
    private const double Z95 = 1.959963984540054;

    public static PairwiseRate Of(IReadOnlyCollection<PairwiseItemResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var n = results.Count;
        if (n == 0)
        {
            return new(0, 0.5, 0, 1);
        }

        var p = results.Sum(r => r.Score) / n;
        var z2 = Z95 * Z95;
        var denominator = 1 + (z2 / n);
        var center = (p + (z2 / (2.0 * n))) / denominator;
        var half = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / denominator;
        return new(n, p, Math.Max(0, center - half), Math.Min(1, center + half));
    }
}
