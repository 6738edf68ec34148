using CiGate.Core.Comparing.Pairwise;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Config;
using CiGate.Core.Tests.Targets;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Comparing.Pairwise;

/// <summary>The pairwise judge as a grader target, against the simulator over HTTP, with the response cache.</summary>
public sealed class TargetPairwiseJudgeTests
{
    private const string Criteria = "The answer offers a \"refund\".";

    [Fact]
    public async Task Judges_both_orders_and_a_second_run_is_answered_from_the_cache()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SimulatorServer.StartAsync(
            new SimulatorOptions
            {
                Models = [new SimulatorModel("judge", 0.7, 5)],
                JudgeAll = true,
                PairwiseJudge = new PairwiseJudgeOptions { PositionBias = 0.3 },
            },
            ct);
        using var folder = new TempFolder();
        var config = TestTargets.Config(new Uri(server.BaseUrl, "v1/"), model: "judge");
        var items = Enumerable.Range(0, 200).Select(i => new PairwiseItem(
            $"item{i}",
            $"Where is my order {i}?",
            $"Thanks for writing about order {i}.",
            i % 4 == 0 ? $"Thanks for writing about order {i}." : $"Sorry about order {i}; a refund is on its way."))
            .ToList();

        IReadOnlyList<PairwiseItemResult> first, second;
        await using (var cache = await ResponseCache.OpenAsync(folder.Path, ct))
        await using (var client = TargetClientFactory.Create(config, cache))
        {
            var judge = new TargetPairwiseJudge(client, config, Criteria);
            first = await PairwiseReconciler.JudgeAsync(items, judge, 8, ct);
        }

        var judgedFirst = server.Stats.JudgeReplies;
        await using (var cache = await ResponseCache.OpenAsync(folder.Path, ct))
        await using (var client = TargetClientFactory.Create(config, cache))
        {
            var judge = new TargetPairwiseJudge(client, config, Criteria);
            second = await PairwiseReconciler.JudgeAsync(items, judge, 8, ct);
        }

        // 150 differing items, two orders each, plus the version probe; the second run only probes.
        Assert.Equal(301, judgedFirst);
        Assert.Equal(judgedFirst + 1, server.Stats.JudgeReplies);
        Assert.Equal(first, second);
        var summary = PairwiseSummary.Of(first);
        Assert.Equal(50, summary.Identical);
        Assert.Equal(0, summary.Losses);
        Assert.InRange(summary.SwapInconsistency, 0.15, 0.45);
        Assert.Equal(0, summary.Ties);
        Assert.Equal(150, summary.Wins + summary.Inconsistent);
    }

    [Fact]
    public async Task A_reply_without_a_winner_is_an_error_naming_the_judge()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SimulatorServer.StartAsync(
            new SimulatorOptions { Models = [new SimulatorModel("cigate-sim", 0.7, 1)] }, ct);
        var config = TestTargets.Config(new Uri(server.BaseUrl, "v1/"), model: "cigate-sim");
        await using var client = TargetClientFactory.Create(config);
        var judge = new TargetPairwiseJudge(client, config, Criteria);

        // Without JudgeAll the simulator answers as a plain model, in prose.
        var error = await Assert.ThrowsAsync<PairwiseJudgeException>(
            async () => await judge.JudgeAsync(new PairwiseQuestion("q", "a", "b"), ct));

        Assert.Contains("judge local", error.Message, StringComparison.Ordinal);
    }
}
