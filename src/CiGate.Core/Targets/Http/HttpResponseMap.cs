using Json.Pointer;

namespace CiGate.Core.Targets.Http;

/// <summary>
/// JSON Pointers (RFC 6901) into an http target's reply. Only <see cref="Output"/> is required:
/// a reply without it is a bad response; the others are left out of the result when absent.
/// </summary>
public sealed record HttpResponseMap(JsonPointer Output)
{
    /// <summary>A list of calls, each <c>{id?, name, arguments}</c> or OpenAI's <c>{id, function: {name, arguments}}</c>.</summary>
    public JsonPointer? ToolCalls { get; init; }

    public JsonPointer? PromptTokens { get; init; }

    public JsonPointer? CompletionTokens { get; init; }

    public JsonPointer? CachedTokens { get; init; }

    public JsonPointer? ReasoningTokens { get; init; }

    public JsonPointer? Reasoning { get; init; }

    public JsonPointer? Refusal { get; init; }

    public JsonPointer? FinishReason { get; init; }

    public JsonPointer? Model { get; init; }

    /// <summary>Any JSON the app returns about how it answered (retrieved documents, steps), kept per item, capped.</summary>
    public JsonPointer? Trace { get; init; }
}
