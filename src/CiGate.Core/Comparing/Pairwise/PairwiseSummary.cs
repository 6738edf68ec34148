namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// A suite's pairwise result. <see cref="WinRate"/> counts every tie, inconsistent ones included,
/// as half a win; <see cref="CorrectedWinRate"/> leaves out the items whose verdict changed with the
/// order, so a judge's position bias neither moves it nor pulls it toward ½, and is what the gate
/// reads. <see cref="SwapInconsistency"/> is the share of judged (differing) items that flipped.
/// </summary>
public sealed record PairwiseSummary(
    int Wins,
    int Ties,
    int Losses,
    int Identical,
    int Inconsistent,
    PairwiseRate WinRate,
    PairwiseRate CorrectedWinRate,
    double SwapInconsistency,
    IReadOnlyList<PairwiseLengthBucket> ByLength)
{
    /// <summary>Lengths within this fraction of the longer answer count as about the same.</summary>
    public const double SimilarLength = 0.1;

    public int Judged => Wins + Ties + Losses + Inconsistent;

    public static PairwiseSummary Of(IReadOnlyList<PairwiseItemResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        int Count(PairwiseOutcome outcome) => results.Count(r => r.Outcome == outcome);
        var inconsistent = Count(PairwiseOutcome.Inconsistent);
        var consistent = results.Where(r => r.Outcome != PairwiseOutcome.Inconsistent).ToList();
        var judged = results.Count - Count(PairwiseOutcome.Identical);
        var buckets = new[] { "head shorter", "similar length", "head longer" }
            .Select((name, index) => new PairwiseLengthBucket(
                name, PairwiseRate.Of(consistent.Where(r => LengthBucket(r) == index).ToList())))
            .ToList();
        return new(
            Count(PairwiseOutcome.Win),
            Count(PairwiseOutcome.Tie),
            Count(PairwiseOutcome.Loss),
            Count(PairwiseOutcome.Identical),
            inconsistent,
            PairwiseRate.Of(results.ToList()),
            PairwiseRate.Of(consistent),
            judged == 0 ? 0 : (double)inconsistent / judged,
            buckets);
    }

    // 0: head shorter, 1: about the same, 2: head longer.
    private static int LengthBucket(PairwiseItemResult r)
    {
        var longer = Math.Max(1, Math.Max(r.BaseLength, r.HeadLength));
        var difference = (double)(r.HeadLength - r.BaseLength) / longer;
        return difference < -SimilarLength ? 0 : difference > SimilarLength ? 2 : 1;
    }
}
