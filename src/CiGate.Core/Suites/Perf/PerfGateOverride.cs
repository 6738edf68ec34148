namespace CiGate.Core.Suites.Perf;

/// <summary>
/// A perf suite's gate settings from `compare --config`: its SLOs and regression rule replace the
/// ones the head run recorded, as the accuracy gates do, so a threshold can change without a rerun.
/// </summary>
public sealed record PerfGateOverride(IReadOnlyList<SloLimit> Slos, RegressionSpec Regression);
