namespace CiGate.History;

/// <summary>One sample as stored: scores and extractions packed in the suite run's key order.</summary>
internal readonly record struct ItemRow(
    string Item,
    long Repeat,
    string PromptHash,
    string? Group,
    string Scores,
    string Extracted,
    string? Output,
    string? FinishReason,
    double LatencyMs,
    long? PromptTokens,
    long? CompletionTokens,
    long Attempts,
    bool Cached,
    string? ServedModel,
    string? ErrorKind,
    string? Error);
