namespace CiGate.Core.Reporting;

/// <summary>
/// A suite's pairwise result for the templates (<c>pairwise.md.sbn</c>, <c>pairwise.html.sbn</c>,
/// the JUnit testcase), every text already escaped for the format. <see cref="Status"/> is
/// pass, fail or inconclusive (a judge error or a judge people do not agree with).
/// </summary>
internal sealed record PairwiseView(
    string Judge,
    string JudgeModel,
    string Status,
    string Emoji,
    string Message,
    string Error,
    string Items,
    string Wins,
    string Ties,
    string Losses,
    string Identical,
    string Inconsistent,
    string Judged,
    string WinRate,
    string WinRateCi,
    string CorrectedWinRate,
    string CorrectedWinRateCi,
    string CorrectedItems,
    string MinWinRate,
    string SwapInconsistency,
    string Gate,
    IReadOnlyList<PairwiseLengthRow> ByLength,
    string FamilyWarning,
    string JudgeCalls)
{
    /// <summary>"" without labels; else the one-line agreement check.</summary>
    public string Agreement { get; init; } = "";

    public string AgreementRate { get; init; } = "";

    public string Kappa { get; init; } = "";

    public string Labelled { get; init; } = "";

    public string Unjudged { get; init; } = "";

    public string MinAgreement { get; init; } = "";

    /// <summary>Rows: the people's preference; columns: the judge's (base, tie, head).</summary>
    public IReadOnlyList<PairwiseConfusionRow> Confusion { get; init; } = [];

    public string ClassName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>JUnit: the lines of the testcase's body.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];
}

internal sealed record PairwiseLengthRow(string Bucket, string N, string WinRate, string Ci);

internal sealed record PairwiseConfusionRow(string Human, string Base, string Tie, string Head);
