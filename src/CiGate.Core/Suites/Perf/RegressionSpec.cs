namespace CiGate.Core.Suites.Perf;

/// <summary>
/// The perf gate against base: a metric (e.g. ttft at p95) regresses when its bootstrap interval
/// on the relative change excludes zero AND the change is past <see cref="MarginPercent"/>
/// (widened by the A/A spread when the base run has two repeats).
/// </summary>
public sealed record RegressionSpec(double MarginPercent, double WarnPercent, IReadOnlyList<string> Metrics, double Confidence)
{
    public static IReadOnlyList<string> DefaultMetrics { get; } = ["ttft_p50", "ttft_p95", "itl_p50", "itl_p95", "e2e_p50", "e2e_p95"];

    public static RegressionSpec Default { get; } = new(10, 5, DefaultMetrics, 0.95);
}
