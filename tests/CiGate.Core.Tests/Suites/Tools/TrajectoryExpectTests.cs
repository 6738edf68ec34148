using System.Text.Json.Nodes;
using CiGate.Core.Suites.Tools;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Suites.Tools;

public sealed class TrajectoryExpectTests
{
    private static readonly Trajectory Done = new(
        [
            Step("lookup", """{"id": "A1"}"""),
            Step("update", """{"id": "A1", "city": "Rome"}"""),
            Step("lookup", """{"id": "A1"}"""),
        ],
        "Moved to Rome.",
        new JsonObject { ["city"] = "Rome", ["n"] = 2 },
        4,
        false);

    [Theory]
    [InlineData("Strict", "lookup,update,lookup", true)]
    [InlineData("Strict", "update,lookup,lookup", false)]
    [InlineData("Unordered", "update,lookup,lookup", true)]
    [InlineData("Unordered", "update,lookup", false)]
    [InlineData("Subset", "lookup,update,refund", true)]
    [InlineData("Subset", "lookup", false)]
    [InlineData("Superset", "lookup,lookup", true)]
    [InlineData("Superset", "lookup,refund", false)]
    public void Sequence_modes(string modeName, string calls, bool holds)
    {
        var mode = Enum.Parse<SequenceMode>(modeName);
        var expect = TrajectoryExpect.None with { Mode = mode, Sequence = calls.Split(',') };

        var result = Assert.Single(expect.Check(Done));

        Assert.Equal(holds, result.Pass);
        Assert.Equal("tool-sequence", result.Type);
        var listed = calls.Replace(",", ", ", StringComparison.Ordinal);
        var why = $"expected {modeName.ToLowerInvariant()} [{listed}]; called [lookup, update, lookup]";
        Assert.Equal(holds ? "" : why, result.Reason);
    }

    [Fact]
    public void Used_arguments_steps_and_state_each_give_one_result()
    {
        var expect = new TrajectoryExpect(
            ["update"],
            ["refund", "lookup"],
            null,
            [],
            [new ArgumentExpectation("update", new JsonObject { ["city"] = "Rome" }),
             new ArgumentExpectation("update", new JsonObject { ["city"] = "Paris" })],
            1,
            3,
            new JsonObject { ["city"] = "Rome" });

        var results = expect.Check(Done);

        Assert.Equal(
            [
                "tool-used:True", "tool-not-used:True", "tool-not-used:False", "tool-arguments:True",
                "tool-arguments:False", "step-count:False", "final-state:True",
            ],
            results.Select(r => $"{r.Type}:{r.Pass}"));
        Assert.Equal("expected 1..3 steps; took 4", results[5].Reason);
        Assert.Contains("""expected update with {"city":"Paris"}""", results[4].Reason, StringComparison.Ordinal);
    }

    private static TrajectoryCall Step(string name, string arguments) =>
        new(0, 1, new ToolCall("c", name, arguments), new ToolResult("{}", false));
}
