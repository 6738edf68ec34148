namespace CiGate.Core.Targets;

/// <summary>The fields CiGate keeps from a completion response body.</summary>
internal readonly record struct ParsedCompletion(
    string Text,
    string? FinishReason,
    TokenUsage? Usage,
    string? ServedModel,
    string? SystemFingerprint)
{
    /// <summary>The message's tool_calls, in order; empty when it answered in text.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>The message's reasoning_content (or reasoning), kept apart from the answer.</summary>
    public string? Reasoning { get; init; }

    /// <summary>The message's refusal.</summary>
    public string? Refusal { get; init; }
}
