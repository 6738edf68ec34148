using CiGate.Core.Comparing.Pairwise;
using CiGate.Core.Config;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Comparing.Pairwise;

/// <summary>
/// Issue #25, done-when 1: the two-order reconciliation against the simulator's biased pairwise
/// judge over real HTTP. The truth is built into the items: the better answer is the one that
/// says "refund", which the judge's criteria ask for; the head is better on 60% of the items.
/// </summary>
public sealed class PairwiseSimulatorTests
{
    private const string Criteria = "The answer offers a \"refund\".";

    [Fact]
    public async Task Reports_the_injected_position_bias_and_a_corrected_win_rate_near_the_truth()
    {
        var items = Items(4000, headBetter: 0.6, seed: 7);
        var truth = items.Count(i => i.HeadOutput.Contains("refund", StringComparison.Ordinal)) / 4000.0;

        var (summary, judged) = await JudgeAsync(items, new PairwiseJudgeOptions { PositionBias = 0.3 });

        Assert.Equal(8000, judged);
        Assert.InRange(summary.SwapInconsistency, 0.28, 0.32);
        Assert.InRange(summary.CorrectedWinRate.Rate, truth - 0.02, truth + 0.02);
        // Counting the flipped items as ties pulls the plain win rate toward 1/2:
        // that is why the gate reads the corrected one.
        Assert.True(summary.WinRate.Rate < truth - 0.02);
    }

    [Fact]
    public async Task An_unbiased_judge_is_always_consistent_and_identical_outputs_are_never_sent()
    {
        var items = Items(300, headBetter: 0.6, seed: 11);
        items.AddRange(Enumerable.Range(0, 50)
            .Select(i => new PairwiseItem($"same{i}", "q", "same answer", "same answer")));

        var (summary, judged) = await JudgeAsync(items, options: null);

        Assert.Equal(600, judged);
        Assert.Equal(50, summary.Identical);
        Assert.Equal(0, summary.Inconsistent);
        Assert.Equal(300, summary.Wins + summary.Losses);
    }

    [Fact]
    public async Task A_judge_that_favours_length_shows_in_the_length_view()
    {
        var items = Items(2000, headBetter: 0.5, seed: 3);

        var (summary, _) = await JudgeAsync(items, new PairwiseJudgeOptions { LengthBias = 0.4, Noise = 0.1 });

        var shorter = summary.ByLength[0].WinRate;
        var longer = summary.ByLength[2].WinRate;
        Assert.True(shorter.Items > 200 && longer.Items > 200);
        Assert.True(longer.Rate - shorter.Rate > 0.2, $"head longer {longer.Rate:0.000}, shorter {shorter.Rate:0.000}");
    }

    [Fact]
    public async Task Human_labels_trust_a_sound_judge_and_catch_a_position_biased_one()
    {
        var items = Items(600, headBetter: 0.6, seed: 5);
        var labels = items.ToDictionary(
            i => i.Id,
            i => i.HeadOutput.Contains("refund", StringComparison.Ordinal) ? PairwisePreference.Head : PairwisePreference.Base);
        labels["not-in-the-runs"] = PairwisePreference.Tie;

        var sound = PairwiseAgreement.Of((await JudgeWithResultsAsync(items, null)).Results, labels);
        var biased = PairwiseAgreement.Of(
            (await JudgeWithResultsAsync(items, new PairwiseJudgeOptions { PositionBias = 0.4 })).Results, labels);

        Assert.Equal((600, 601, 1), (sound.Agreement.N, sound.Labelled, sound.Unjudged));
        Assert.Equal(1.0, sound.Agreement.Accuracy);
        Assert.Equal(1.0, sound.Agreement.Kappa);
        Assert.True(sound.Check(0.8).Met, sound.Check(0.8).Reason);
        // A verdict that flips with the order is a tie, which no person chose here: the biased judge's
        // agreement drops by about the flipped share, and min_agreement stops it from gating.
        Assert.InRange(biased.Agreement.Accuracy, 0.52, 0.68);
        var tieColumn = biased.Agreement.Confusion.Sum(row => row[(int)PairwisePreference.Tie]);
        Assert.Equal(600 - (int)Math.Round(biased.Agreement.Accuracy * 600), tieColumn);
        var check = biased.Check(0.8);
        Assert.False(check.Met);
        Assert.Contains("below min_agreement 0.80: the pairwise verdict is not trusted", check.Reason, StringComparison.Ordinal);
    }

    private static async Task<(PairwiseSummary Summary, long Judged)> JudgeAsync(
        IReadOnlyList<PairwiseItem> items, PairwiseJudgeOptions? options)
    {
        var (summary, judged, _) = await JudgeWithResultsAsync(items, options);
        return (summary, judged);
    }

    private static async Task<(PairwiseSummary Summary, long Judged, IReadOnlyList<PairwiseItemResult> Results)> JudgeWithResultsAsync(
        IReadOnlyList<PairwiseItem> items, PairwiseJudgeOptions? options)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SimulatorServer.StartAsync(
            new SimulatorOptions
            {
                Models = [new SimulatorModel("judge", 0.7, 5)], JudgeAll = true, PairwiseJudge = options,
            },
            ct);
        using var http = new HttpClient();
        var judge = new HttpPairwiseJudge(http, server.BaseUrl, "judge", Criteria);
        var results = await PairwiseReconciler.JudgeAsync(items, judge, concurrency: 16, ct);
        return (PairwiseSummary.Of(results), server.Stats.JudgeReplies, results);
    }

    // Item i: the better answer offers a refund, the worse does not; either may carry padding, so lengths vary.
    private static List<PairwiseItem> Items(int count, double headBetter, int seed)
    {
        var random = new Random(seed);
        string Answer(int i, bool good) =>
            (good ? $"We are sorry about order {i}; a refund is on its way." : $"Thanks for writing about order {i}.")
            + string.Concat(Enumerable.Repeat(" We value you as a customer.", random.Next(0, 4)));
        return
        [
            .. Enumerable.Range(0, count).Select(i =>
            {
                var headWins = random.NextDouble() < headBetter;
                return new PairwiseItem(
                    $"item{i}", $"Where is my order {i}?", Answer(i, !headWins), Answer(i, headWins));
            }),
        ];
    }
}
