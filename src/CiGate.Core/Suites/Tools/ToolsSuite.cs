using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Suites.Tools.Bfcl;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// A <c>kind: tools</c> suite: tools declared in OpenAI's format with mocks, and either hand-written
/// conversations (<see cref="Cases"/>) or BFCL's items (<see cref="Bfcl"/>). Function-calling mode
/// only (the <c>tools</c> API); a sample passes when every assertion holds (k-of-N: pass^k).
/// </summary>
internal sealed record ToolsSuite(
    string Name,
    IReadOnlyList<string> Targets,
    JsonArray Tools,
    IReadOnlyDictionary<string, ToolMock> Mocks,
    JsonObject InitialState,
    string? System,
    IReadOnlyList<ToolCase> Cases,
    BfclSpec? Bfcl,
    int MaxSteps,
    int MaxTokens,
    double? Temperature,
    int Repeats)
    : SuiteDefinition(Name, KindName, Targets)
{
    public const string KindName = "tools";

    /// <summary>The live tools' recorded calls (<c>replay:</c>); null when no tool is live.</summary>
    public ToolReplay? Replay { get; init; }

    /// <summary>Call the live tools and record their answers (<c>--record-tools</c>) instead of replaying.</summary>
    public bool Record { get; init; }

    /// <summary>Calls through the tools API (default) or written as text and parsed (<c>mode: prompt</c>).</summary>
    public ToolsMode Mode { get; init; }

    public override JsonObject Describe()
    {
        var node = new JsonObject
        {
            ["kind"] = Kind,
            ["mode"] = Mode == ToolsMode.Prompt ? "prompt" : "function_calling",
            ["tools"] = Tools.DeepClone(),
            ["mocks"] = new JsonObject([.. Mocks.OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value.Describe()))]),
            ["state"] = InitialState.DeepClone(),
            ["system"] = System,
            ["max_steps"] = MaxSteps,
            ["generation"] = new JsonObject
            {
                ["max_tokens"] = MaxTokens, ["temperature"] = Temperature, ["repeats"] = Repeats,
            },
        };
        if (Replay is { } replay)
        {
            // Only when set: suites without live tools keep the definition hash they had before replay existed.
            node["replay"] = replay.Shown;
        }

        if (Bfcl is { } bfcl)
        {
            node["bfcl"] = new JsonObject
            {
                ["dataset"] = bfcl.Path,
                ["categories"] = new JsonArray([.. bfcl.Categories.Select(c => (JsonNode)c.Name())]),
                ["limit"] = bfcl.Limit,
            };
        }

        node["tests"] = new JsonArray([.. Cases.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["description"] = c.Description,
            ["turns"] = new JsonArray([.. c.Turns.Select(t => (JsonNode)t)]),
            ["expect"] = c.Expect.Describe(),
            ["assert"] = new JsonArray([.. c.AssertionSources.Select(a => (JsonNode)a)]),
        })]);
        return node;
    }
}
