namespace CiGate.Target;

/// <summary>Token counts for a reply's <c>usage</c>; a null count is left out of the line.</summary>
public sealed record TargetUsage
{
    /// <summary>Input tokens (<c>prompt_tokens</c>).</summary>
    public long? PromptTokens { get; init; }

    /// <summary>Output tokens (<c>completion_tokens</c>).</summary>
    public long? CompletionTokens { get; init; }

    /// <summary>Input tokens served from the provider's prompt cache (<c>cached_tokens</c>).</summary>
    public long? CachedTokens { get; init; }

    /// <summary>Output tokens spent on reasoning (<c>reasoning_tokens</c>).</summary>
    public long? ReasoningTokens { get; init; }
}
