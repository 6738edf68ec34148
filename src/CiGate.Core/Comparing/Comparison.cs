using System.Text.Json.Serialization;

namespace CiGate.Core.Comparing;

/// <summary>
/// Base run versus head run, suite by suite, paired item by item. Shared by every suite kind:
/// a kind only contributes per-item metric values (scores) to items.jsonl.
/// </summary>
public sealed record Comparison(
    RunReference Base,
    RunReference Head,
    IReadOnlyList<SuiteComparison> Suites,
    double Confidence,
    string Correction);

/// <summary>Which run a side is: its folder, id, tool version and status.</summary>
public sealed record RunReference(string Folder, string RunId, string ToolVersion, string Status, DateTimeOffset StartedAt)
{
    /// <summary>The commit the run was made at, when results.json recorded one.</summary>
    public string? Commit { get; init; }
}

/// <summary>How base and head items were matched.</summary>
public enum Pairing
{
    /// <summary>Same suite definition, prompt template and dataset: items joined on id and prompt hash.</summary>
    Paired,

    /// <summary>The definition changed and no item kept its prompt: suite means compared as independent samples.</summary>
    Unpaired,
}

/// <summary>
/// One suite on one target. <see cref="Changes"/> lists what differs between the runs (model,
/// dataset, prompt, definition); <see cref="Metrics"/> holds one row per metric in both runs.
/// </summary>
public sealed record SuiteComparison(
    string Suite,
    string Target,
    string Kind,
    Pairing Pairing,
    IReadOnlyList<string> Changes,
    string BaseModel,
    string HeadModel,
    SideCounts BaseCounts,
    SideCounts HeadCounts,
    int PairedItems,
    int BaseOnlyItems,
    int HeadOnlyItems,
    int PromptMismatches,
    IReadOnlyList<MetricComparison> Metrics,
    string? GroupBy,
    IReadOnlyList<GroupComparison> Groups,
    IReadOnlyList<FlippedItem> Flips,
    CaseCounts? Cases = null)
{
    /// <summary>Prompt texts that differ between base and head (prompt suites), with their diffs.</summary>
    public IReadOnlyList<PromptChange> PromptChanges { get; init; } = [];

    /// <summary>Every paired test case (prompt suites), for the case × target view.</summary>
    public IReadOnlyList<CaseOutcome> CaseOutcomes { get; init; } = [];

    /// <summary>The definition, prompt template or dataset changed: the changed keys and the policy the gate applies.</summary>
    public DefinitionChange? DefinitionChange { get; init; }

    /// <summary>
    /// The kind's own comparison (perf: latency changes per load point; safety: rates and the prompts
    /// newly refused or complied with), set and read by the kind alone; gate.json writes it as it is.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public object? Details { get; init; }

    /// <summary>Head did not run this suite but copied it unchanged (`run --reuse-from`): from where and when.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Results.ReusedRun? Reused { get; init; }

    /// <summary>What answered changed between base and head (null: nothing did, as far as the servers said).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IdentityChange? IdentityChange { get; init; }

    /// <summary>Tokens and latency per completed sample on each side (null when either side has none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UsageChange? Usage { get; init; }

    /// <summary>Why the head run stopped this suite early (a budget): inconclusive, never pass.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BudgetStop { get; init; }

    /// <summary>Head judged against base by the suite's `pairwise:` grader; null when the suite has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Pairwise.PairwiseComparison? Pairwise { get; init; }

    /// <summary>The head's grader against people's `grader_labels:`; null when the suite has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GraderAgreement? GraderAgreement { get; init; }
}

/// <summary>
/// What a sample cost on each side: mean prompt and completion tokens per completed sample and the
/// latency median. Not gated: a PR author reads it next to the verdict (a prompt that doubles the
/// output length is worth knowing about even when every case passes).
/// </summary>
public sealed record UsageChange(
    double BasePromptTokens,
    double HeadPromptTokens,
    double BaseCompletionTokens,
    double HeadCompletionTokens,
    double BaseLatencyP50Ms,
    double HeadLatencyP50Ms)
{
    public static UsageChange? Between(Results.SuiteResult @base, Results.SuiteResult head)
    {
        if (@base.Counts.Completed == 0 || head.Counts.Completed == 0
            || (@base.Usage.PromptTokens + @base.Usage.CompletionTokens == 0 && head.Usage.PromptTokens + head.Usage.CompletionTokens == 0))
        {
            return null;
        }

        return new UsageChange(
            (double)@base.Usage.PromptTokens / @base.Counts.Completed,
            (double)head.Usage.PromptTokens / head.Counts.Completed,
            (double)@base.Usage.CompletionTokens / @base.Counts.Completed,
            (double)head.Usage.CompletionTokens / head.Counts.Completed,
            @base.Usage.LatencyP50Ms,
            head.Usage.LatencyP50Ms) with
        {
            BaseTokens = @base.Usage.TokensWithGraders(),
            HeadTokens = head.Usage.TokensWithGraders(),
            BaseOutputChars = MeanChars(@base),
            HeadOutputChars = MeanChars(head),
            BaseCost = @base.Usage.CostWithGraders(),
            HeadCost = head.Usage.CostWithGraders(),
            Currency = head.Usage.Currency ?? @base.Usage.Currency,
        };
    }

    private static double? MeanChars(Results.SuiteResult side) =>
        side.Usage.OutputChars is { } chars ? Math.Round((double)chars / side.Counts.Completed, 1) : null;

    /// <summary>The suite's tokens on each side, graders included (a newer results.json only; null before).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? BaseTokens { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? HeadTokens { get; init; }

    /// <summary>Mean characters of a completed sample's output on each side; null where not recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BaseOutputChars { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? HeadOutputChars { get; init; }

    /// <summary>The suite's cost on each side (target and graders); null where that side was not priced.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BaseCost { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? HeadCost { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Currency { get; init; }
}

/// <summary>
/// Where each paired item stands on the primary metric (a pass rate over repeats): newly failing
/// (no repeat passes on head, some did on base), newly passing, still failing, still passing, or
/// flaky (head's repeats disagree). Reported for suites whose items are test cases.
/// </summary>
public sealed record CaseCounts(int NewlyFailing, int NewlyPassing, int StillFailing, int StillPassing, int Flaky);

/// <summary>Sample counts of one side: the gate's inconclusive rule reads these.</summary>
public sealed record SideCounts(int Items, int Samples, int Completed, int Errored, int Missing, int Invalid)
{
    public double ErrorRate => Samples == 0 ? 0 : (double)(Errored + Missing) / Samples;

    public double InvalidRate => Completed == 0 ? 0 : (double)Invalid / Completed;
}

/// <summary>
/// One metric, head minus base. Binary metrics (every per-item value 0 or 1): exact McNemar,
/// paired standard error. Continuous: paired bootstrap. Unpaired: a z-test on the two means.
/// <see cref="PAdjusted"/> is the Holm-adjusted one-sided regression p-value across the gate.
/// </summary>
public sealed record MetricComparison(
    string Metric,
    string Method,
    int N,
    double Base,
    double Head,
    double Delta,
    double StdErr,
    double CiLow,
    double CiHigh,
    double PValueRegression,
    double PValueTwoSided,
    double PAdjusted,
    int Regressions,
    int Improvements,
    double FlipRate);

/// <summary>A group (e.g. an MMLU-Pro category) of the suite's primary metric.</summary>
public sealed record GroupComparison(string Group, MetricComparison Metric);

/// <summary>An item whose primary-metric score changed between base and head.</summary>
public sealed record FlippedItem(
    string Item,
    string? Group,
    bool Regressed,
    string? Reference,
    string? BaseAnswer,
    string? HeadAnswer,
    string? BaseOutput,
    string? HeadOutput,
    double BaseScore,
    double HeadScore,
    string? Question = null,
    bool Flaky = false);
