using System.Text.Json.Serialization;

namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// A suite's pairwise result at compare time: who judged, by which bars, the summary, the
/// <c>min_win_rate</c> gate and, with labels, the judge's agreement with people. <see cref="Error"/>
/// is set instead of a result when the judge could not be asked or replied without a verdict: the
/// pairwise part is then inconclusive, never a pass.
/// </summary>
public sealed record PairwiseComparison(string Judge, string JudgeModel, string HeadModel, double MinWinRate)
{
    /// <summary>Items paired for judging (completed on both sides).</summary>
    public int Items { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PairwiseSummary? Summary { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PairwiseGateResult? Gate { get; init; }

    /// <summary>Judge and head model share a family: the judge may prefer its own family's answers.</summary>
    public bool SameFamily { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MinAgreement { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PairwiseAgreement? Agreement { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PairwiseAgreementCheck? AgreementCheck { get; init; }

    /// <summary>Judge requests this compare sent (the rest came from the cache), the version probe included.</summary>
    public int JudgeCalls { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    /// <summary>
    /// The family line reports show, or null when judge and head are of different (or unknown) families.
    /// </summary>
    public string? FamilyWarning => SameFamily
        ? $"the judge ({JudgeModel}) and the head model ({HeadModel}) are of one family "
          + $"({ModelFamily.Of(JudgeModel)}): a judge may prefer its own family's answers"
        : null;
}
