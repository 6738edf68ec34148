using System.Text.Json.Nodes;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// How a declared tool answers without a network: an injected <see cref="Error"/>, else the first
/// <see cref="Cases"/> entry whose <c>when</c> matches the arguments, else the state value
/// <see cref="Reads"/> names, else the static <see cref="Result"/>. <see cref="Writes"/> copies
/// arguments into the suite's key-value state (state key → argument name); <see cref="MaxCalls"/>
/// turns calls past the limit into errors.
/// </summary>
internal sealed record ToolMock(
    string Name,
    JsonNode? Result,
    IReadOnlyList<MockCase> Cases,
    string? Error,
    int? MaxCalls,
    IReadOnlyDictionary<string, string> Writes,
    string? Reads)
{
    /// <summary>A live tool's endpoint (<c>live.url</c>): replayed from the suite's file; called to record.</summary>
    public Uri? Live { get; init; }

    public JsonObject Describe()
    {
        var node = new JsonObject();
        if (Live is not null)
        {
            // Not the URL: where a tool is served while recording is not what the suite tests.
            node["live"] = true;
        }

        if (Result is not null)
        {
            node["result"] = Result.DeepClone();
        }

        if (Cases.Count > 0)
        {
            node["cases"] = new JsonArray([.. Cases.Select(c => (JsonNode)new JsonObject
            {
                ["when"] = c.When.DeepClone(),
                ["result"] = c.Result?.DeepClone(),
                ["error"] = c.Error,
            })]);
        }

        node["error"] = Error;
        node["max_calls"] = MaxCalls;
        if (Writes.Count > 0)
        {
            node["writes"] = new JsonObject([.. Writes.Select(w => KeyValuePair.Create(w.Key, (JsonNode?)w.Value))]);
        }

        node["reads"] = Reads;
        return node;
    }
}
