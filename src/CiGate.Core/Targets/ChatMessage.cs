namespace CiGate.Core.Targets;

/// <summary>One chat turn; <see cref="Role"/> is sent verbatim (system, user, assistant, tool).</summary>
public sealed record ChatMessage(string Role, string Content)
{
    /// <summary>An assistant turn's function calls (a tool loop sends them back); null or empty: none.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>A <c>tool</c> turn's call id: which call this is the result of.</summary>
    public string? ToolCallId { get; init; }
}
