using System.Text.Json;

namespace CiGate.Target;

/// <summary>One chat message of a request, as cigate sent it (OpenAI chat shape).</summary>
public sealed class TargetMessage
{
    /// <summary>system, developer, user, assistant or tool.</summary>
    public required string Role { get; init; }

    /// <summary>The message's text: the content string, or its text parts joined; null when it had none.</summary>
    public string? Content { get; init; }

    /// <summary>The content as sent (a string, an array of parts, or null), for parts other than text.</summary>
    public JsonElement RawContent { get; init; }

    /// <summary>An assistant message's earlier tool calls (few-shot or multi-turn cases).</summary>
    public IReadOnlyList<TargetToolCall> ToolCalls { get; init; } = [];

    /// <summary>A tool message's <c>tool_call_id</c>: the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>The participant name (<c>name</c>), when given.</summary>
    public string? Name { get; init; }
}
