using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Results;

namespace CiGate.Core.Tests.Comparing;

/// <summary>How people's labels meet the grader's recorded verdicts (docs/prompt-suites.md, grader_labels).</summary>
public sealed class GraderAgreementTests
{
    [Fact]
    public void A_label_without_an_index_needs_every_model_graded_assertion_and_an_index_picks_one()
    {
        var items = new[] { Item("a", "pass,fail"), Item("b", "pass,pass") };
        var labels = new[]
        {
            new GraderLabel("a", false),
            new GraderLabel("a", true) { Assertion = 0 },
            new GraderLabel("a", true) { Assertion = 1 },
            new GraderLabel("b", true),
        };

        var agreement = GraderAgreement.Of(items, Labels(labels));

        Assert.Equal((4, 0.75, 0), (agreement.Agreement.N, agreement.Agreement.Accuracy, agreement.Unjudged));
        Assert.Equal([[1, 0], [1, 2]], agreement.Agreement.Confusion.Select(r => r.ToArray()).ToArray());
        Assert.False(agreement.Trusted);
    }

    [Fact]
    public void Errors_missing_cases_and_out_of_range_indices_are_unjudged_and_repeats_count_once()
    {
        var items = new[]
        {
            Item("a", "pass") with { Repeat = 1, Extracted = Verdicts("fail") },
            Item("a", "pass"),
            Item("err", "error"),
            Item("broken", "pass") with { Error = "timeout" },
            Item("plain", null),
        };
        var labels = new[]
        {
            new GraderLabel("a", true), new GraderLabel("err", true), new GraderLabel("broken", true),
            new GraderLabel("plain", true), new GraderLabel("gone", false),
            new GraderLabel("a", true) { Assertion = 3 },
        };

        var agreement = GraderAgreement.Of(items, Labels(labels));

        Assert.Equal((1, 1.0, 5, 6), (agreement.Agreement.N, agreement.Agreement.Accuracy, agreement.Unjudged,
            agreement.Labelled));
        Assert.True(agreement.Trusted);
        Assert.Equal(
            "the grader agrees with people on 1.00 ≥ 0.80 (1 labelled verdicts, Cohen's kappa 1.00)",
            agreement.Reason);
    }

    [Fact]
    public void With_several_prompts_a_label_meets_the_case_under_each_prompt()
    {
        var items = new[] { Item("a@short", "pass"), Item("a@long", "fail"), Item("ab@short", "fail") };

        var agreement = GraderAgreement.Of(items, Labels([new GraderLabel("a", true)]));

        Assert.Equal((2, 0.5), (agreement.Agreement.N, agreement.Agreement.Accuracy));
    }

    [Fact]
    public void Nothing_graded_is_not_trusted()
    {
        var agreement = GraderAgreement.Of([], Labels([new GraderLabel("a", true)]));

        Assert.False(agreement.Trusted);
        Assert.Equal(
            "the grader is not trusted: none of the 1 labelled cases was graded, "
            + "so min_agreement 0.80 cannot be checked",
            agreement.Reason);
    }

    private static GraderLabelsRecord Labels(IReadOnlyList<GraderLabel> labels) => new("labels.jsonl", labels, 0.8);

    private static Dictionary<string, string> Verdicts(string? text) =>
        text is null ? [] : new() { [GraderAgreement.VerdictsKey] = text };

    private static ItemRecord Item(string id, string? verdicts) => new()
    {
        Suite = "s", Target = "t", Item = id, PromptHash = "h", Output = "x", Extracted = Verdicts(verdicts),
    };
}
