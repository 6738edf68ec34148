using CiGate.Core.Results;

namespace CiGate.Core.History;

/// <summary>One suite on one target of a recorded run, with what it measured and its metrics.</summary>
public sealed record RecordedSuite(
    string Suite,
    string Target,
    string Kind,
    string Model,
    MeasurementIdentity Measurement,
    IReadOnlyDictionary<string, MetricSummary> Metrics)
{
    /// <summary>What answered changed from the previous run of this suite while the configured model did not.</summary>
    public bool IdentityBreak { get; init; }
}
