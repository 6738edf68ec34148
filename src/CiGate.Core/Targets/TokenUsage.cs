namespace CiGate.Core.Targets;

/// <summary>Token counts a target reported; <see cref="CachedTokens"/> and <see cref="ReasoningTokens"/> are null when it did not say.</summary>
public sealed record TokenUsage(int PromptTokens, int CompletionTokens, int? CachedTokens = null, int? ReasoningTokens = null);
