namespace CiGate.Core.History;

/// <summary>One run's value of one metric of one suite on one target: a point of a trend.</summary>
public sealed record SeriesPoint(
    string RunId,
    RunIdentity Identity,
    DateTimeOffset StartedAt,
    string Target,
    MeasurementIdentity Measurement,
    double Value,
    double StdErr,
    int N)
{
    public const string IdentityBreakReason =
        "identity break: what answered changed while the configured model did not";

    /// <summary>What answered differs from the previous run's, the configured model unchanged (a silent swap).</summary>
    public bool IdentityBreak { get; init; }

    public string Label => Identity.Label(RunId);
}
