using System.Text.Json.Nodes;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// What a tool conversation did: every call in order, the final text answer, the mocks' state at the
/// end, the number of model steps (requests) and whether <c>max_steps</c> cut it short.
/// </summary>
internal sealed record Trajectory(
    IReadOnlyList<TrajectoryCall> Calls,
    string FinalText,
    JsonObject State,
    int Steps,
    bool Truncated)
{
    /// <summary>Why the conversation broke its mode (API tool calls in prompt mode), when it did.</summary>
    public string? ModeProblem { get; init; }

    /// <summary>Compact JSON kept per item (extracted <c>trajectory</c>): calls with arguments and results.</summary>
    public string Describe()
    {
        var calls = new JsonArray([.. Calls.Select(c => (JsonNode)new JsonObject
        {
            ["turn"] = c.Turn,
            ["step"] = c.Step,
            ["name"] = c.Call.Name,
            ["arguments"] = c.Call.Arguments,
            ["result"] = c.Result.Content.Length <= 200 ? c.Result.Content : c.Result.Content[..200],
            ["error"] = c.Result.IsError ? true : null,
        })]);
        var node = new JsonObject { ["steps"] = Steps, ["calls"] = calls };
        if (Truncated)
        {
            node["truncated"] = true;
        }

        if (State.Count > 0)
        {
            node["state"] = State.DeepClone();
        }

        return node.ToJsonString(Text.PlainJson.Readable);
    }
}
