using CiGate.Core.Results;
using CiGate.Core.Suites.Shared;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// The perf part of a suite's results.json entry (schema <see cref="CurrentSchemaVersion"/>): every
/// load point in run order, the capacity an slo-search found, and the gate settings (SLOs and the
/// regression rule) that `compare` applies, recorded outside the definition hash.
/// </summary>
public sealed record PerfSummary(
    int SchemaVersion,
    string Profile,
    IReadOnlyList<LoadPointSummary> LoadPoints,
    double? CapacityAtSlo,
    string? CapacityUnit,
    IReadOnlyList<SloLimit> Slos,
    RegressionSpec Regression,
    string RequestsFile,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] Telemetry.PerfEnvironment? Environment = null)
{
    /// <summary>The perf summary of a perf suite's result (null for other kinds and for failed runs).</summary>
    internal static PerfSummary? Of(SuiteResult? suite) => SuiteDetails<PerfSummary>.Of(suite, PerfSuite.KindName);

    public const int CurrentSchemaVersion = 1;
}
