using System.Text.Json;
using CiGate.Simulator.Judge;

namespace CiGate.Simulator.Tests;

public sealed class PairwiseJudgeTests
{
    private const string Criteria = "Offers a \"refund\" and an \"apology\".";

    private static string Prompt(string first, string second, string criteria = Criteria) =>
        $"Compare.\nCriteria: {criteria}\n\n```first\n{first}\n```\n\n```second\n{second}\n```";

    private static string Winner(string reply) =>
        JsonDocument.Parse(reply).RootElement.GetProperty("winner").GetString()!;

    [Theory]
    [InlineData("A refund.", "An apology and a REFUND.", "second")]
    [InlineData("An apology and a refund.", "A refund.", "first")]
    [InlineData("A refund.", "An apology.", "tie")]
    public void Without_bias_the_answer_meeting_more_criteria_wins(string first, string second, string expected)
    {
        Assert.True(SimulatedPairwiseJudge.IsPairwisePrompt(Prompt(first, second)));
        Assert.Equal(expected, Winner(SimulatedPairwiseJudge.Evaluate(Prompt(first, second), 1, null)));
    }

    [Fact]
    public void A_rubric_prompt_is_not_a_pairwise_prompt()
    {
        Assert.False(SimulatedPairwiseJudge.IsPairwisePrompt("Rubric: x\n\n```output\nhello\n```"));
        Assert.False(SimulatedPairwiseJudge.IsPairwisePrompt(
            "Rubric: x\n\n````output\n```first\na\n```\n```second\nb\n```\n````"));
    }

    [Fact]
    public void Position_bias_moves_the_injected_share_of_verdicts_to_the_first_answer_the_same_way_per_seed()
    {
        var options = new PairwiseJudgeOptions { PositionBias = 0.3 };
        var prompts = Enumerable.Range(0, 2000)
            .Select(i => Prompt($"Item {i}: sorry.", $"Item {i}: a refund and an apology.")).ToList();

        var seed1 = prompts.Select(p => Winner(SimulatedPairwiseJudge.Evaluate(p, 1, options))).ToList();
        var again = prompts.Select(p => Winner(SimulatedPairwiseJudge.Evaluate(p, 1, options))).ToList();
        var seed2 = prompts.Select(p => Winner(SimulatedPairwiseJudge.Evaluate(p, 2, options))).ToList();

        Assert.Equal(seed1, again);
        Assert.NotEqual(seed1, seed2);
        Assert.InRange(seed1.Count(w => w == "first") / 2000.0, 0.27, 0.33);
        Assert.DoesNotContain("tie", seed1);
    }

    [Fact]
    public void Length_bias_picks_the_longer_answer()
    {
        var options = new PairwiseJudgeOptions { LengthBias = 1 };

        var prompt = Prompt("A refund and an apology.", "Sorry, no. We are unable to help here at all.");

        var reply = SimulatedPairwiseJudge.Evaluate(prompt, 1, options);

        Assert.Equal("second", Winner(reply));
    }
}
