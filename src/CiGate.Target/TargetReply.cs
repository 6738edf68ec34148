using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CiGate.Target;

/// <summary>
/// A <c>response</c> line: the app's answer to one request. Only <see cref="Output"/> is required;
/// the rest is left out of the line when null or empty.
/// </summary>
public sealed class TargetReply
{
    /// <summary>The answer text that assertions score.</summary>
    public required string Output { get; init; }

    /// <summary>Function calls the app (or its model) asked for, in order.</summary>
    public IReadOnlyList<TargetToolCall> ToolCalls { get; init; } = [];

    /// <summary>Reasoning text kept apart from the answer.</summary>
    public string? Reasoning { get; init; }

    /// <summary>A refusal message given instead of an answer.</summary>
    public string? Refusal { get; init; }

    /// <summary>Why generation stopped: stop, length, tool_calls, content_filter or the app's own word.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Token counts.</summary>
    public TargetUsage? Usage { get; init; }

    /// <summary>The model that answered.</summary>
    public string? Model { get; init; }

    /// <summary>Any JSON the app wants kept with the item (retrieved documents, steps taken).</summary>
    public JsonNode? Trace { get; init; }

    /// <summary>
    /// A reply from a chat response: its text, <see cref="FunctionCallContent"/>s as tool calls,
    /// <see cref="TextReasoningContent"/> as reasoning, an <see cref="ErrorContent"/> with code
    /// <c>Refusal</c> (how Microsoft.Extensions.AI.OpenAI carries OpenAI's refusal) as refusal, the
    /// finish reason, <see cref="UsageDetails"/> as usage and <see cref="ChatResponse.ModelId"/> as model.
    /// </summary>
    public static TargetReply FromChatResponse(ChatResponse response) => ChatResponseMapping.ToReply(response);
}
