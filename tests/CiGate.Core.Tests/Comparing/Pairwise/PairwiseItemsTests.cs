using CiGate.Core.Comparing.Pairwise;
using CiGate.Core.Results;

namespace CiGate.Core.Tests.Comparing.Pairwise;

public sealed class PairwiseItemsTests
{
    [Fact]
    public void Pairs_the_first_completed_repeat_of_items_both_runs_answered_even_when_the_prompt_changed()
    {
        ItemRecord Record(string item, int repeat, string? output, string hash = "h1", string? error = null) =>
            new()
            {
                Suite = "s", Target = "t", Item = item, Repeat = repeat, PromptHash = hash,
                Output = output, Question = $"q {item}", Error = error,
            };
        var baseRecords = new[]
        {
            Record("b", 1, "base b1"), Record("b", 0, "base b0"), Record("a", 0, "base a"),
            Record("c", 0, null, error: "timeout"), Record("only-base", 0, "x"),
        };
        var headRecords = new[]
        {
            Record("a", 0, "head a", hash: "h2"), Record("b", 0, "head b0", hash: "h2"),
            Record("c", 0, "head c", hash: "h2"), Record("only-head", 0, "y", hash: "h2"),
        };

        var items = PairwiseItems.Pair(baseRecords, headRecords);

        Assert.Equal(
            [new PairwiseItem("a", "q a", "base a", "head a"), new PairwiseItem("b", "q b", "base b0", "head b0")],
            items);
    }
}
