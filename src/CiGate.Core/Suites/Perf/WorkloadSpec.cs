namespace CiGate.Core.Suites.Perf;

/// <summary>
/// What each request asks for. Synthetic prompts have exact token counts for <see cref="Tokenizer"/>
/// (plus an optional shared prefix, to exercise prefix caching); or prompts come from a JSONL
/// dataset's <see cref="DatasetField"/>. <see cref="IgnoreEos"/> sends <c>ignore_eos</c> and
/// <c>min_tokens</c> so the server generates exactly the requested output length.
/// </summary>
public sealed record WorkloadSpec(
    LengthSpec PromptTokens,
    LengthSpec OutputTokens,
    int PrefixTokens,
    string Tokenizer,
    string? DatasetPath,
    string DatasetField,
    bool IgnoreEos,
    bool ContinuousUsage,
    Targets.TargetApi? Api,
    int Seed);
