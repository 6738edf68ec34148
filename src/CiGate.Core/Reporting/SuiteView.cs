namespace CiGate.Core.Reporting;

/// <summary>
/// One suite gate. <see cref="Flips"/> and <see cref="Groups"/> may hold fewer rows than
/// <see cref="FlipsTotal"/>/<see cref="GroupsTotal"/> when a size limit cut them; the notes say so.
/// </summary>
internal sealed record SuiteView(
    string Name,
    string Target,
    string Kind,
    string Title,
    string ClassName,
    string Verdict,
    string Emoji,
    string Color,
    string Message,
    string Metric,
    string Method,
    string N,
    string Base,
    string Head,
    string Delta,
    string Ci,
    string P,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Notes,
    string FlipSummary,
    bool Grouped,
    string GroupBy,
    IReadOnlyList<GroupRow> Groups,
    int GroupsTotal,
    string GroupsNote,
    IReadOnlyList<FlipRow> Flips,
    int FlipsTotal,
    int Regressions,
    int Fixes,
    string FlipsNote,
    IReadOnlyList<HealthRow> Health,
    ChartView? Chart,
    IReadOnlyList<string> Details)
{
    /// <summary>Prompt files that changed between base and head (prompt suites), each a ready code block.</summary>
    public IReadOnlyList<PromptDiffRow> PromptDiffs { get; init; } = [];

    /// <summary>
    /// The kind's own section (perf: latency by load point; safety: rates, newly refused and complied
    /// prompts), already escaped for the format; templates render it with the partial
    /// <c>{partial}.md.sbn</c> or <c>{partial}.html.sbn</c>, which read it as <c>s.section</c>.
    /// </summary>
    public object? Section { get; init; }

    /// <summary>
    /// The name of the kind's partial templates (usually the kind's name), "" when there is no section.
    /// </summary>
    public string Partial { get; init; } = "";

    /// <summary>
    /// Test cases failing on head, newly failing first, then still failing, then flaky; fewer than
    /// <see cref="FailuresTotal"/> when a size limit cut them (<see cref="FailuresNote"/> says so).
    /// </summary>
    public IReadOnlyList<FailureRow> Failures { get; init; } = [];

    public int FailuresTotal { get; init; }

    public string FailuresNote { get; init; } = "";

    /// <summary>"3 newly failing, 1 still failing, 0 flaky" for the failures' heading.</summary>
    public string FailuresSummary { get; init; } = "";

    /// <summary>The suite's pairwise judging (any kind with `pairwise:`) for its partials; null without.</summary>
    public PairwiseView? Pairwise { get; init; }

    /// <summary>The grader against people's `grader_labels:` (prompt suites) for its partials; null without.</summary>
    public GraderAgreementView? Grader { get; init; }

    /// <summary>JUnit only: every test case of the suite, one testcase each.</summary>
    public IReadOnlyList<CaseTestRow> CaseTests { get; init; } = [];
}

