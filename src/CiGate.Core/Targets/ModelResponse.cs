namespace CiGate.Core.Targets;

/// <summary>
/// The model's answer. <see cref="Attempts"/> is 0 for a cache hit; <see cref="LatencyMs"/> runs from the
/// start of the first attempt to the successful response, backoff included.
/// </summary>
public sealed record ModelResponse(
    string Text,
    string? FinishReason,
    TokenUsage? Usage,
    string? ServedModel,
    string? SystemFingerprint,
    bool FromCache,
    int Attempts,
    double LatencyMs)
{
    /// <summary>The function calls the target asked for, in order; empty when it answered in text.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>Reasoning text kept apart from the answer (<c>reasoning_content</c> of vLLM, SGLang, DeepSeek-style servers).</summary>
    public string? Reasoning { get; init; }

    /// <summary>The refusal message a target returned instead of content (OpenAI's <c>message.refusal</c>).</summary>
    public string? Refusal { get; init; }

    /// <summary>What an http target's app said about how it answered (compact JSON, capped), kept per item; null elsewhere.</summary>
    public string? Trace { get; init; }
}
