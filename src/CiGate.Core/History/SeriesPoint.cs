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
    public string Label => Identity.Label(RunId);
}
