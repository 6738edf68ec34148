using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CiGate.Core.Config;

namespace CiGate.Core.Results;

/// <summary>
/// results.json: what was run (resolved config, hashes, targets), how it went (counts, timings)
/// and what it scored. Everything after `run` (compare, gate, report, history) reads this file
/// and items.jsonl, never the config. Never holds a secret: only names of variables and headers.
/// </summary>
public sealed record RunResults(
    int SchemaVersion,
    string Tool,
    string ToolVersion,
    string RunId,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    double DurationSeconds,
    string ConfigPath,
    IReadOnlyList<TargetInfo> Targets,
    IReadOnlyList<SuiteResult> Suites,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    ShardInfo? Shard = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    ItemsDigest? Items = null)
{
    /// <summary>
    /// 2: a suite's kind-specific part is one <c>details</c> object (schema 1 had <c>perf</c> and
    /// <c>safety</c> on every suite, null on the others); <see cref="ResultsJson"/> reads both.
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The commit the run was made at (git HEAD of the config's folder, else GITHUB_SHA); absent outside git.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Commit { get; init; }
    public const string FileName = "results.json";

    /// <summary>Why the run stopped early for a budget (run or suite); null when no budget was reached.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BudgetStop { get; init; }
}

/// <summary>A target as run: endpoint, model, decoding defaults; header names, never their values.</summary>
public sealed record TargetInfo(
    string Name,
    string BaseUrl,
    string Model,
    string Api,
    string? ApiKeyEnv,
    IReadOnlyList<string> HeaderNames,
    int Concurrency,
    double TimeoutSeconds,
    int MaxAttempts,
    double Temperature,
    int? Seed,
    bool Simulated)
{
    /// <summary>
    /// A hash of what answers (the endpoint or the simulator's settings, model, API, decoding): two
    /// runs with the same hash asked the same target. Null in folders written before it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConfigHash { get; init; }
}

public sealed record DatasetInfo(string Path, string Sha256, int Records, int Selected);

public sealed record MetricSummary(double Value, double StdErr, int N);

public sealed record GroupSummary(string Name, int Items, IReadOnlyDictionary<string, MetricSummary> Metrics);

/// <summary>Counts of samples (item × repeat): those that finished, errored or were never run.</summary>
public sealed record ResultCounts(int Items, int Repeats, int Samples, int Completed, int Errored, int Missing, int Cached, IReadOnlyDictionary<string, int> Invalid);

public sealed record UsageSummary(
    long PromptTokens,
    long CompletionTokens,
    double LatencyMeanMs,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyMaxMs)
{
    /// <summary>Prompt tokens served from the server's prompt cache; null when no sample reported them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? CachedTokens { get; init; }

    /// <summary>Completion tokens spent reasoning; null when no sample reported them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ReasoningTokens { get; init; }

    /// <summary>Characters of the completed samples' outputs (the mean length: this / completed).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? OutputChars { get; init; }

    /// <summary>Requests to graders (judges, embedding models), apart from the target's; null when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? GraderRequests { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? GraderPromptTokens { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? GraderCompletionTokens { get; init; }

    /// <summary>The target's tokens at the config's prices; null when the target has no <c>pricing:</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Cost { get; init; }

    /// <summary>The graders' tokens at their prices; null when a grader has none (or none was called).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? GraderCost { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Currency { get; init; }

    /// <summary>The suite's tokens, graders included; null for a results.json older than these fields.</summary>
    public long? TokensWithGraders() =>
        OutputChars is null && Cost is null && GraderRequests is null
            ? null
            : PromptTokens + CompletionTokens + (GraderPromptTokens ?? 0) + (GraderCompletionTokens ?? 0);

    /// <summary>The target's and graders' cost together; null when the target is not priced.</summary>
    public double? CostWithGraders() => Cost is { } cost ? Math.Round(cost + (GraderCost ?? 0), 6) : null;
}

/// <summary>
/// One suite on one target. <see cref="Metrics"/> are micro averages over items (repeats averaged
/// within an item first); with a group field, <see cref="Groups"/> and the macro average follow.
/// <see cref="Details"/> is the kind's own summary (perf load points, safety rates...), written and
/// read by the kind alone: results, compare and history carry it without knowing its shape.
/// </summary>
public sealed record SuiteResult(
    string Suite,
    string Kind,
    string Target,
    string Model,
    IReadOnlyList<string> ServedModels,
    string DefinitionHash,
    string? PromptTemplateHash,
    DatasetInfo? Dataset,
    ResultCounts Counts,
    IReadOnlyDictionary<string, MetricSummary> Metrics,
    string? GroupBy,
    IReadOnlyDictionary<string, MetricSummary>? Macro,
    IReadOnlyList<GroupSummary>? Groups,
    UsageSummary Usage,
    JsonObject Definition,
    Config.GateSettings? Gate = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    JsonObject? Details = null)
{
    /// <summary>Why the runner stopped this suite before all its samples ran (a budget); else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BudgetStop { get; init; }
    /// <summary>What answered, next to what was asked for; null in folders written before it was recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ServedIdentity? Identity { get; init; }

    /// <summary>The suite's `pairwise:` settings and judge, for compare; null without (or in an older run).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PairwiseRecord? Pairwise { get; init; }

    /// <summary>The suite's `grader_labels:` (people's verdicts on model-graded assertions); null without.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GraderLabelsRecord? GraderLabels { get; init; }

    /// <summary>Set when the suite was not run but copied from an earlier run (items with <c>reused_from</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReusedRun? Reused { get; init; }
}
