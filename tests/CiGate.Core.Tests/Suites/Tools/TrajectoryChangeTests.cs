using CiGate.Core.Suites.Tools;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Suites.Tools;

/// <summary>The first difference between a flipped case's base and head tool calls, as the comment names it.</summary>
public sealed class TrajectoryChangeTests
{
    private static ToolCall Call(string name, string arguments) => new(null, name, arguments);

    [Fact]
    public void A_changed_argument_is_named_with_both_values()
    {
        var what = TrajectoryChange.FirstDifference(
            [Call("lookup_order", """{"order_id":"A1001"}"""), Call("update_address", """{"address":"1 Old Road"}""")],
            [
                Call("lookup_order", """{"order_id":"A1001"}"""),
                Call("update_address", """{"address":"5 New St + 1","zip":"12"}"""),
            ]);

        Assert.Equal("call 2 update_address: address \"1 Old Road\" → \"5 New St + 1\"; +zip \"12\"", what);
    }

    [Theory]
    [InlineData("lookup_order|refund_order", "lookup_order|update_address", "call 2: refund_order → update_address")]
    [InlineData("lookup_order", "lookup_order|refund_order", "head adds call 2: refund_order")]
    [InlineData("lookup_order|refund_order", "lookup_order", "head drops call 2: refund_order")]
    [InlineData("lookup_order", "lookup_order", "same calls; the final answer or the tools' state differs")]
    [InlineData("", "lookup_order", "head adds call 1: lookup_order")]
    public void Calls_added_dropped_or_renamed_are_named_by_position(string @base, string head, string expected)
    {
        static ToolCall[] Calls(string names) =>
            [.. names.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(n => Call(n, "{}"))];

        Assert.Equal(expected, TrajectoryChange.FirstDifference(Calls(@base), Calls(head)));
    }

    [Fact]
    public void Arguments_that_are_not_a_json_object_are_compared_as_text()
    {
        Assert.Equal(
            "call 1 f: arguments {not json → {\"a\":1}",
            TrajectoryChange.FirstDifference([Call("f", "{not json")], [Call("f", """{"a":1}""")]));
    }

    [Fact]
    public void A_sequence_reads_as_calls_in_order()
    {
        Assert.Equal("(no call)", TrajectoryChange.Sequence([]));
        Assert.Equal("a({}) → b({\"x\":1})", TrajectoryChange.Sequence([Call("a", "{}"), Call("b", """{"x":1}""")]));
    }

    [Fact]
    public void A_long_sequence_cuts_arguments_so_that_every_call_name_shows()
    {
        var arguments = """{"length":5,"area":0.01,"resistivity":"copper"}""";
        ToolCall[] calls = [Call("calculate_resistance", arguments), Call("calculate_resistance", arguments),
            Call("calculate_resistance", arguments)];

        var text = TrajectoryChange.Sequence(calls, 120);

        Assert.True(text.Length <= 120, text);
        Assert.Equal(3, text.Split(" → ").Length);
        Assert.All(text.Split(" → "), c => Assert.Matches("""^calculate_resistance\(\{"length":5.*…\)$""", c));
    }
}
