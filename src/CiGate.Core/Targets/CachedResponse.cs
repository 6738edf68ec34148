namespace CiGate.Core.Targets;

/// <summary>What <see cref="ResponseCache"/> keeps per request: the parts of a response that do not depend on the call.</summary>
public sealed record CachedResponse(
    string Text,
    string? FinishReason,
    TokenUsage? Usage,
    string? ServedModel,
    string? SystemFingerprint)
{
    /// <summary>The tool calls the target asked for; empty when it answered in text.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>Reasoning text kept apart from the answer.</summary>
    public string? Reasoning { get; init; }

    /// <summary>The refusal message a target returned instead of content.</summary>
    public string? Refusal { get; init; }

    /// <summary>An exec target's trace (compact JSON, secrets masked); an http target caches its whole reply.</summary>
    public string? Trace { get; init; }
}
