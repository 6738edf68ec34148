namespace CiGate.Core.Results;

/// <summary>
/// One finished sample (item × repeat) as stored in items.jsonl. The unit of resume and of
/// pairing: base and head join on (suite, target, item, repeat) and check the prompt hash.
/// Scores are keyed "metric,filter"; a record with an <see cref="Error"/> has no scores.
/// </summary>
public sealed record ItemRecord
{
    public required string Suite { get; init; }

    public required string Target { get; init; }

    public required string Item { get; init; }

    public int Repeat { get; init; }

    public required string PromptHash { get; init; }

    public string? Group { get; init; }

    public string? Reference { get; init; }

    /// <summary>An excerpt of the item's question, so reports can show what flipped without the dataset.</summary>
    public string? Question { get; init; }

    public string? Output { get; init; }

    public string? FinishReason { get; init; }

    public IReadOnlyDictionary<string, string> Extracted { get; init; } = EmptyText;

    public IReadOnlyDictionary<string, double> Scores { get; init; } = EmptyScores;

    public double LatencyMs { get; init; }

    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }

    public int Attempts { get; init; }

    public bool Cached { get; init; }

    public string? ServedModel { get; init; }

    /// <summary>The target's <c>system_fingerprint</c>, when it sent one.</summary>
    public string? SystemFingerprint { get; init; }

    /// <summary>
    /// Prompt tokens served from the server's prompt cache (<c>prompt_tokens_details.cached_tokens</c>).
    /// </summary>
    public int? CachedTokens { get; init; }

    /// <summary>Completion tokens spent reasoning (<c>completion_tokens_details.reasoning_tokens</c>).</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Requests this sample sent to other targets (judges, embedding models); null when none.</summary>
    public int? GraderRequests { get; init; }

    /// <summary>Prompt tokens of this sample's grader requests (cache hits included).</summary>
    public int? GraderPromptTokens { get; init; }

    /// <summary>Completion tokens of this sample's grader requests.</summary>
    public int? GraderCompletionTokens { get; init; }

    /// <summary>Reasoning text the target kept apart from the answer (<c>reasoning_content</c>).</summary>
    public string? Reasoning { get; init; }

    /// <summary>The refusal message the target returned instead of content.</summary>
    public string? Refusal { get; init; }

    /// <summary>The function calls the target asked for; null when none.</summary>
    public IReadOnlyList<Targets.ToolCall>? ToolCalls { get; init; }
    /// <summary>An http target's trace (compact JSON its app returned, cut at 4 KB); null for other targets.</summary>
    public string? Trace { get; init; }

    public string? Error { get; init; }

    public string? ErrorKind { get; init; }

    /// <summary>
    /// Why the answer could not be scored (a regex timed out, the output was too large to
    /// extract from): the sample counts as invalid, scores 0, and is not retried on resume.
    /// </summary>
    public string? ScoringError { get; init; }

    /// <summary>
    /// Set on a sample this run did not make but copied from an earlier run of an unchanged suite
    /// (<c>cigate run --changed-since</c>): <c>main@sha</c>, or the run id where no commit was recorded.
    /// </summary>
    public string? ReusedFrom { get; init; }

    public string Key => $"{Suite}\u001f{Target}\u001f{Item}\u001f{Repeat}";

    private static readonly Dictionary<string, string> EmptyText = [];
    private static readonly Dictionary<string, double> EmptyScores = [];
}
