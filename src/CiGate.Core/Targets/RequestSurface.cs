using System.Text.Json.Nodes;

namespace CiGate.Core.Targets;

/// <summary>
/// What a prompts suite or one test case asks of the chat request: <c>tools</c>, <c>tool_choice</c>,
/// <c>parallel_tool_calls</c> and <c>response_format</c>, each sent as written (OpenAI's shapes).
/// A null member sends nothing. The nodes are never changed after reading.
/// </summary>
public sealed record RequestSurface(
    JsonArray? Tools,
    JsonNode? ToolChoice,
    bool? ParallelToolCalls,
    JsonObject? ResponseFormat)
{
    /// <summary>Asks for nothing.</summary>
    public static RequestSurface Empty { get; } = new(null, null, null, null);

    /// <summary>True when no member is set.</summary>
    public bool IsEmpty => Tools is null && ToolChoice is null && ParallelToolCalls is null && ResponseFormat is null;

    /// <summary>
    /// This surface with every member <paramref name="over"/> sets taken from it (a test case over its suite).
    /// </summary>
    public RequestSurface Overlay(RequestSurface? over) => over is null ? this : new(
        over.Tools ?? Tools,
        over.ToolChoice ?? ToolChoice,
        over.ParallelToolCalls ?? ParallelToolCalls,
        over.ResponseFormat ?? ResponseFormat);

    /// <summary>The surface as JSON, for suite definitions (what changed between base and head).</summary>
    public JsonObject Describe()
    {
        var node = new JsonObject();
        if (Tools is not null)
        {
            node["tools"] = Tools.DeepClone();
        }

        if (ToolChoice is not null)
        {
            node["tool_choice"] = ToolChoice.DeepClone();
        }

        if (ParallelToolCalls is { } parallel)
        {
            node["parallel_tool_calls"] = parallel;
        }

        if (ResponseFormat is not null)
        {
            node["response_format"] = ResponseFormat.DeepClone();
        }

        return node;
    }
}
