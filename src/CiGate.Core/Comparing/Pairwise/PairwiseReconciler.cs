namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// Asks the judge about every item whose outputs differ, once with the base's answer first and
/// once with the head's, and reconciles the two verdicts: they must agree (after undoing the swap)
/// to count as a win, loss or tie; a verdict that changes with the order is an inconsistent tie.
/// Identical outputs are ties without a call.
/// </summary>
public static class PairwiseReconciler
{
    public static async Task<IReadOnlyList<PairwiseItemResult>> JudgeAsync(
        IReadOnlyList<PairwiseItem> items,
        IPairwiseJudge judge,
        int concurrency,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(judge);
        var results = new PairwiseItemResult[items.Count];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, concurrency),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForAsync(0, items.Count, options, async (i, ct) =>
        {
            var item = items[i];
            if (string.Equals(item.BaseOutput, item.HeadOutput, StringComparison.Ordinal))
            {
                results[i] = Result(item, PairwiseOutcome.Identical, null, null);
                return;
            }

            var baseFirst = await judge.JudgeAsync(new(item.Input, item.BaseOutput, item.HeadOutput), ct)
                .ConfigureAwait(false);
            var headFirst = await judge.JudgeAsync(new(item.Input, item.HeadOutput, item.BaseOutput), ct)
                .ConfigureAwait(false);
            results[i] = Result(item, Reconcile(baseFirst, headFirst), baseFirst, headFirst);
        }).ConfigureAwait(false);
        return results;
    }

    /// <summary>The head's outcome from the verdicts with the base's and with the head's answer first.</summary>
    public static PairwiseOutcome Reconcile(PairwiseWinner baseFirst, PairwiseWinner headFirst)
    {
        var fromBaseFirst = baseFirst switch
        {
            PairwiseWinner.Second => PairwiseOutcome.Win,
            PairwiseWinner.First => PairwiseOutcome.Loss,
            _ => PairwiseOutcome.Tie,
        };
        var fromHeadFirst = headFirst switch
        {
            PairwiseWinner.First => PairwiseOutcome.Win,
            PairwiseWinner.Second => PairwiseOutcome.Loss,
            _ => PairwiseOutcome.Tie,
        };
        return fromBaseFirst == fromHeadFirst ? fromBaseFirst : PairwiseOutcome.Inconsistent;
    }

    private static PairwiseItemResult Result(
        PairwiseItem item, PairwiseOutcome outcome, PairwiseWinner? baseFirst, PairwiseWinner? headFirst) =>
        new(item.Id, outcome, baseFirst, headFirst, item.BaseOutput.Length, item.HeadOutput.Length);
}
