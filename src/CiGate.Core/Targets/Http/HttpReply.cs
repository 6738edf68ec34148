namespace CiGate.Core.Targets.Http;

/// <summary>What an http target's reply mapped to, before it becomes a <see cref="ModelResponse"/>.</summary>
internal sealed record HttpReply(
    string Text,
    IReadOnlyList<ToolCall> ToolCalls,
    TokenUsage? Usage,
    string? Reasoning,
    string? Refusal,
    string? FinishReason,
    string? Model,
    string? Trace);
