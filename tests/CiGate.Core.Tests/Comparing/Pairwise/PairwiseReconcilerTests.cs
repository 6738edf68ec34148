using CiGate.Core.Comparing.Pairwise;

namespace CiGate.Core.Tests.Comparing.Pairwise;

public sealed class PairwiseReconcilerTests
{
    [Theory]
    [InlineData(PairwiseWinner.Second, PairwiseWinner.First, PairwiseOutcome.Win)]
    [InlineData(PairwiseWinner.First, PairwiseWinner.Second, PairwiseOutcome.Loss)]
    [InlineData(PairwiseWinner.Tie, PairwiseWinner.Tie, PairwiseOutcome.Tie)]
    [InlineData(PairwiseWinner.First, PairwiseWinner.First, PairwiseOutcome.Inconsistent)]
    [InlineData(PairwiseWinner.Second, PairwiseWinner.Second, PairwiseOutcome.Inconsistent)]
    [InlineData(PairwiseWinner.Second, PairwiseWinner.Tie, PairwiseOutcome.Inconsistent)]
    [InlineData(PairwiseWinner.Tie, PairwiseWinner.Second, PairwiseOutcome.Inconsistent)]
    public void A_verdict_counts_only_when_both_orders_agree_after_the_swap(
        PairwiseWinner baseFirst, PairwiseWinner headFirst, PairwiseOutcome expected)
    {
        Assert.Equal(expected, PairwiseReconciler.Reconcile(baseFirst, headFirst));
    }

    [Fact]
    public void Counts_rates_and_the_corrected_rate_leave_inconsistent_items_out()
    {
        var results = Results(
            (PairwiseOutcome.Win, 6), (PairwiseOutcome.Loss, 2), (PairwiseOutcome.Tie, 1),
            (PairwiseOutcome.Inconsistent, 3), (PairwiseOutcome.Identical, 2));

        var summary = PairwiseSummary.Of(results);

        Assert.Equal(
            (6, 1, 2, 2, 3),
            (summary.Wins, summary.Ties, summary.Losses, summary.Identical, summary.Inconsistent));
        Assert.Equal(12, summary.Judged);
        Assert.Equal(3.0 / 12, summary.SwapInconsistency, 12);
        Assert.Equal(14, summary.WinRate.Items);
        Assert.Equal((6 + (0.5 * 6)) / 14, summary.WinRate.Rate, 12);
        Assert.Equal(11, summary.CorrectedWinRate.Items);
        Assert.Equal((6 + (0.5 * 3)) / 11, summary.CorrectedWinRate.Rate, 12);
        Assert.True(summary.CorrectedWinRate.Low < summary.CorrectedWinRate.Rate);
        Assert.True(summary.CorrectedWinRate.High > summary.CorrectedWinRate.Rate);
    }

    [Fact]
    public void The_interval_is_not_zero_width_when_every_item_is_won()
    {
        var rate = PairwiseSummary.Of(Results((PairwiseOutcome.Win, 10))).CorrectedWinRate;

        Assert.Equal(1.0, rate.Rate);
        Assert.Equal(1.0, rate.High, 12);
        Assert.InRange(rate.Low, 0.65, 0.75);
    }

    [Fact]
    public void The_gate_fails_only_when_the_whole_interval_lies_below_the_bar()
    {
        // 30 wins, 70 losses: 0.30, interval about [0.22, 0.40].
        var poor = PairwiseSummary.Of(Results((PairwiseOutcome.Win, 30), (PairwiseOutcome.Loss, 70)));
        // 4 wins, 6 losses: 0.40, but the interval reaches past 0.45 at n = 10.
        var small = PairwiseSummary.Of(Results((PairwiseOutcome.Win, 4), (PairwiseOutcome.Loss, 6)));

        var failed = PairwiseGate.Evaluate(poor, 0.45);
        var passed = PairwiseGate.Evaluate(small, 0.45);

        Assert.False(failed.Passed);
        Assert.Contains("below min_win_rate 0.45", failed.Reason, StringComparison.Ordinal);
        Assert.True(passed.Passed);
        Assert.True(PairwiseGate.Evaluate(PairwiseSummary.Of([]), 0.45).Passed);
    }

    [Fact]
    public void The_length_view_buckets_items_by_how_much_longer_the_head_answer_is()
    {
        PairwiseItemResult Item(PairwiseOutcome outcome, int baseLength, int headLength) =>
            new("x", outcome, PairwiseWinner.Tie, PairwiseWinner.Tie, baseLength, headLength);
        var results = new[]
        {
            Item(PairwiseOutcome.Loss, 100, 50), Item(PairwiseOutcome.Loss, 100, 89),
            Item(PairwiseOutcome.Win, 100, 95), Item(PairwiseOutcome.Loss, 100, 100),
            Item(PairwiseOutcome.Win, 100, 200), Item(PairwiseOutcome.Win, 100, 120),
            Item(PairwiseOutcome.Inconsistent, 100, 300),
        };

        var buckets = PairwiseSummary.Of(results).ByLength;

        Assert.Equal(["head shorter", "similar length", "head longer"], buckets.Select(b => b.Name));
        Assert.Equal([2, 2, 2], buckets.Select(b => b.WinRate.Items));
        Assert.Equal([0.0, 0.5, 1.0], buckets.Select(b => b.WinRate.Rate));
    }

    [Theory]
    [InlineData("{\"winner\": \"first\", \"reason\": \"x\"}", PairwiseWinner.First)]
    [InlineData("Sure.\n```json\n{\"reason\": \"x\", \"winner\": \"Second\"}\n```", PairwiseWinner.Second)]
    [InlineData("{\"winner\":\"tie\"}", PairwiseWinner.Tie)]
    public void Reads_the_winner_from_the_reply(string reply, PairwiseWinner expected)
    {
        Assert.True(PairwisePrompt.TryParse(reply, out var winner, out _));
        Assert.Equal(expected, winner);
    }

    [Theory]
    [InlineData("The first one, clearly.")]
    [InlineData("{\"winner\": \"both\"}")]
    [InlineData("{\"reason\": \"x\"}")]
    [InlineData("{\"winner\": ")]
    public void A_reply_without_a_winner_is_a_problem_not_a_tie(string reply)
    {
        Assert.False(PairwisePrompt.TryParse(reply, out _, out var problem));
        Assert.StartsWith("the pairwise judge's reply", problem, StringComparison.Ordinal);
    }

    private static List<PairwiseItemResult> Results(params (PairwiseOutcome Outcome, int Count)[] groups) =>
    [
        .. groups.SelectMany(g => Enumerable.Range(0, g.Count).Select(i =>
            new PairwiseItemResult($"{g.Outcome}{i}", g.Outcome, null, null, 10, 10))),
    ];
}
