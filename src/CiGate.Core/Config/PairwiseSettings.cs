namespace CiGate.Core.Config;

/// <summary>
/// A suite's <c>pairwise:</c> section: at compare time, <see cref="Grader"/> judges every item's base
/// and head outputs in both orders (docs/pairwise.md). The gate fails when the corrected win rate's
/// upper bound is below <see cref="MinWinRate"/>; with <see cref="Labels"/>, a judge agreeing with
/// people on less than <see cref="MinAgreement"/> makes the pairwise verdict inconclusive. Not part
/// of the definition hash: judging the outputs measures nothing new about them.
/// </summary>
public sealed record PairwiseSettings(string Grader, double MinWinRate, string Criteria)
{
    public const double DefaultMinWinRate = 0.45;

    public const double DefaultMinAgreement = 0.8;

    public const string DefaultCriteria =
        "the better answer to the input: correct, complete, helpful and clear";

    /// <summary>
    /// `prompt:` the text of a Scriban judge prompt replacing the default (it sees criteria, input,
    /// first and second).
    /// </summary>
    public string? PromptSource { get; init; }

    /// <summary>The prompt's file name: its extension says text or a message list (.yaml, .yml, .json).</summary>
    public string? PromptFile { get; init; }

    /// <summary>`labels:` the label file's full path.</summary>
    public string? LabelsPath { get; init; }

    /// <summary>The labels the file holds, read when the config is loaded.</summary>
    public IReadOnlyDictionary<string, PairwisePreference>? Labels { get; init; }

    /// <summary>`min_agreement:` the judge's least agreement with the labels (0.8 when labels are given).</summary>
    public double? MinAgreement { get; init; }
}
