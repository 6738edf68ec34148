namespace CiGate.Core.Reporting;

/// <summary>
/// What a report template lays out, already escaped for the template's format (Markdown, HTML
/// or XML) and ordered; numbers are already formatted. Templates see members in snake_case
/// (<c>suites</c>, <c>significance_note</c>); the renamer folds runs of capitals, so names avoid them.
/// </summary>
internal sealed record ReportModel(
    string MarkerLine,
    string Verdict,
    string Emoji,
    string Color,
    string Headline,
    RunView Base,
    RunView Head,
    IReadOnlyList<SuiteView> Suites,
    string ConfidenceLabel,
    string SignificanceNote,
    string FullReportLink,
    int Tests,
    int Failures,
    int Errors,
    int Warnings,
    string Timestamp)
{
    /// <summary>Prompt suites run on several targets, case × target; empty otherwise.</summary>
    public IReadOnlyList<SideBySideView> SideBySide { get; init; } = [];

    /// <summary>JUnit: test cases of test-case suites (one testcase per case × target), and how many of them failed.</summary>
    public int CaseTests { get; init; }

    /// <summary>JUnit: one testcase per pairwise gate, and how many of them failed or were inconclusive.</summary>
    public int PairwiseTests { get; init; }

    public int PairwiseFailures { get; init; }

    public int PairwiseErrors { get; init; }

    /// <summary>JUnit: one testcase per `grader_labels:` check, and how many were inconclusive (untrusted).</summary>
    public int GraderTests { get; init; }

    public int GraderErrors { get; init; }

    public int CaseFailures { get; init; }

    /// <summary>Suites whose definition, prompt template or dataset changed (templates/changes.*.sbn).</summary>
    public IReadOnlyList<DefinitionChangeView> DefinitionChanges { get; init; } = [];

    /// <summary>Set when there were no base results: why, and how to get them.</summary>
    public NoBaseView? NoBase { get; init; }
}
