namespace CiGate.Core.Config;

/// <summary>
/// A prompt suite's <c>grader_labels: { file, min_agreement }</c>: people's pass/fail verdicts on the
/// model-graded assertions (llm-rubric, factuality, similar), read when the config loads. Compare
/// measures the grader's agreement with them on the head run; below <see cref="MinAgreement"/> the
/// grader is not trusted and the suite is inconclusive. Not part of the definition hash.
/// </summary>
public sealed record GraderLabelSettings(string Path, IReadOnlyList<GraderLabel> Labels, double MinAgreement)
{
    public const double DefaultMinAgreement = 0.8;
}
