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
    [Fact]
    public async Task A_suites_own_prompt_replaces_the_default_and_still_judges_both_orders()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SimulatorServer.StartAsync(
            new SimulatorOptions { Models = [new SimulatorModel("judge", 0.7, 5)], JudgeAll = true, PairwiseJudge = new PairwiseJudgeOptions() },
            ct);
        var config = TestTargets.Config(new Uri(server.BaseUrl, "v1/"), model: "judge");
        var prompt = Prompt("""
            Our support style guide: be concrete. Criteria: {{ criteria }}
            Customer message:
            {{ input }}
            Reply A:
            {{ first }}
            Reply B:
            {{ second }}
            Answer with {"reason": string, "winner": "first" | "second" | "tie"}.
            """);
        var question = new PairwiseQuestion("Where is my order 7?", "Thanks for writing.", "A refund is on its way.");
        var messages = PairwisePrompt.Messages(question, Criteria, prompt);
        var items = Enumerable.Range(0, 40).Select(i => new PairwiseItem(
            $"item{i}", $"Where is my order {i}?", $"Thanks for writing about order {i}.", $"Sorry; a refund for order {i} is on its way."))
            .ToList();

        await using var client = TargetClientFactory.Create(config, cache: null);
        var results = await PairwiseReconciler.JudgeAsync(items, new TargetPairwiseJudge(client, config, Criteria, prompt), 8, ct);

        var user = Assert.Single(messages);
        Assert.Equal("user", user.Role);
        Assert.StartsWith("Our support style guide: be concrete. Criteria: The answer offers a \"refund\".", user.Content, StringComparison.Ordinal);
        Assert.Contains("Reply A:\n```first\nThanks for writing.\n```", user.Content, StringComparison.Ordinal);
        Assert.Contains("Reply B:\n```second\nA refund is on its way.\n```", user.Content, StringComparison.Ordinal);
        Assert.All(results, r => Assert.Equal(PairwiseOutcome.Win, r.Outcome));
        Assert.Equal(81, server.Stats.JudgeReplies); // 40 items x 2 orders + the version probe
    }

    [Fact]
    public void A_prompt_that_fails_to_render_is_a_template_error_naming_what_it_sees()
    {
        var prompt = Prompt("{{ criteria | string.nope }}");

        var ex = Assert.Throws<CiGate.Core.Diagnostics.CiGateException>(
            () => PairwisePrompt.Messages(new PairwiseQuestion("q", "a", "b"), Criteria, prompt));

        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal(CiGate.Core.Diagnostics.DiagnosticCodes.TemplateRender, d.Code);
        Assert.Contains("(it sees criteria, input, first and second)", d.Message, StringComparison.Ordinal);
    }

    private static CiGate.Core.Suites.Prompts.SuitePrompt Prompt(string source)
    {
        var diagnostics = new CiGate.Core.Diagnostics.DiagnosticBag();
        var template = CiGate.Core.Templating.ItemTemplate.Parse(source, "pairwise.txt", 1, 1, blockScalar: false, diagnostics)!;
        Assert.Empty(diagnostics.Items);
        return new CiGate.Core.Suites.Prompts.SuitePrompt("pairwise", template.Origin, source, [new CiGate.Core.Suites.Prompts.PromptMessage("user", template)]);
    }
}
