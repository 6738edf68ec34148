namespace CiGate.Core.History;

/// <summary>A run as the history store lists it (without its items).</summary>
public sealed record RecordedRun(
    string RunId,
    RunIdentity Identity,
    DateTimeOffset StartedAt,
    DateTimeOffset RecordedAt,
    string ToolVersion,
    string Status,
    IReadOnlyList<RecordedSuite> Suites);
