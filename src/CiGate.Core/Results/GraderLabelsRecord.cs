using CiGate.Core.Config;

namespace CiGate.Core.Results;

/// <summary>
/// A prompt suite's <c>grader_labels:</c> as the head run recorded them, for <c>cigate compare</c> to
/// check the grader with: the file's path as read, people's verdicts and the bar. Absent in folders
/// written before it or for suites without it.
/// </summary>
public sealed record GraderLabelsRecord(string File, IReadOnlyList<GraderLabel> Labels, double MinAgreement)
{
    public static GraderLabelsRecord? Of(GraderLabelSettings? settings) =>
        settings is null ? null : new GraderLabelsRecord(settings.Path, settings.Labels, settings.MinAgreement);
}
