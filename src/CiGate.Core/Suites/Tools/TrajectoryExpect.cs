using System.Text.Json.Nodes;
using CiGate.Core.Text;
using CiGate.Core.Suites.Prompts.Assertions;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// A test case's trajectory assertions (<c>expect:</c>): tools used and not used, the call sequence,
/// argument matches, the step count and the final state. Each that is set gives one assertion result.
/// </summary>
internal sealed record TrajectoryExpect(
    IReadOnlyList<string> Used,
    IReadOnlyList<string> NotUsed,
    SequenceMode? Mode,
    IReadOnlyList<string> Sequence,
    IReadOnlyList<ArgumentExpectation> Arguments,
    int? MinSteps,
    int? MaxSteps,
    JsonObject? FinalState)
{
    public static TrajectoryExpect None { get; } = new([], [], null, [], [], null, null, null);

    public IReadOnlyList<AssertionResult> Check(Trajectory trajectory)
    {
        var names = trajectory.Calls.Select(c => c.Call.Name).ToList();
        var called = names.Count == 0 ? "no tool" : string.Join(", ", names);
        var results = new List<AssertionResult>();
        foreach (var tool in Used)
        {
            results.Add(Result("tool-used", names.Contains(tool), $"expected a call of {tool}; called {called}"));
        }

        foreach (var tool in NotUsed)
        {
            results.Add(Result("tool-not-used", !names.Contains(tool), $"expected no call of {tool}; called {called}"));
        }

        if (Mode is { } mode)
        {
            var holds = mode switch
            {
                SequenceMode.Strict => names.SequenceEqual(Sequence),
                SequenceMode.Unordered =>
                    names.Order(StringComparer.Ordinal).SequenceEqual(Sequence.Order(StringComparer.Ordinal)),
                SequenceMode.Subset => names.All(Sequence.Contains),
                _ => Sequence.GroupBy(s => s).All(g => names.Count(n => n == g.Key) >= g.Count()),
            };
            var expected = string.Join(", ", Sequence);
            var modeName = mode.ToString().ToLowerInvariant();
            results.Add(Result(
                "tool-sequence", holds, $"expected {modeName} [{expected}]; called [{string.Join(", ", names)}]"));
        }

        foreach (var expectation in Arguments)
        {
            var calls = trajectory.Calls.Where(c => c.Call.Name == expectation.Name).ToList();
            var holds = calls.Any(c =>
                Parse(c.Call.Arguments) is { } a && MockRuntime.Matches(a, expectation.Arguments));
            var got = calls.Count == 0 ? "no call" : string.Join("; ", calls.Select(c => c.Call.Arguments));
            results.Add(Result(
                "tool-arguments", holds, $"expected {expectation.Name} with {Text(expectation.Arguments)}; got {got}"));
        }

        if (MinSteps is not null || MaxSteps is not null)
        {
            var holds = trajectory.Steps >= (MinSteps ?? 0) && trajectory.Steps <= (MaxSteps ?? int.MaxValue);
            var range = $"{MinSteps ?? 0}..{MaxSteps?.ToString() ?? "any"}";
            results.Add(Result("step-count", holds, $"expected {range} steps; took {trajectory.Steps}"));
        }

        if (FinalState is { } state)
        {
            var holds = MockRuntime.Matches(trajectory.State, state);
            results.Add(Result(
                "final-state", holds, $"expected state {Text(state)}; got {Text(trajectory.State)}"));
        }

        return results;
    }

    public JsonObject Describe() => new()
    {
        ["used"] = new JsonArray([.. Used.Select(u => (JsonNode)u)]),
        ["not_used"] = new JsonArray([.. NotUsed.Select(u => (JsonNode)u)]),
        ["sequence"] = Mode is null ? null : new JsonObject
        {
            ["mode"] = Mode.ToString()!.ToLowerInvariant(),
            ["calls"] = new JsonArray([.. Sequence.Select(u => (JsonNode)u)]),
        },
        ["arguments"] = new JsonArray([.. Arguments.Select(a => (JsonNode)new JsonObject
        {
            ["name"] = a.Name, ["arguments"] = a.Arguments.DeepClone(),
        })]),
        ["min_steps"] = MinSteps,
        ["max_steps"] = MaxSteps,
        ["final_state"] = FinalState?.DeepClone(),
    };

    private static string Text(JsonObject node) => node.ToJsonString(PlainJson.Readable);

    private static JsonObject? Parse(string arguments)
    {
        try
        {
            return JsonNode.Parse(arguments) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static AssertionResult Result(string type, bool pass, string failure) =>
        new(type, null, pass, pass ? 1 : 0, 1, pass ? "" : failure);
}
