using CiGate.Core.Comparing;

namespace CiGate.Core.History;

/// <summary>
/// A store of recorded runs (SQLite file or PostgreSQL server, in CiGate.History). One schema,
/// versioned and migrated on open. Recording the same run id twice is a no-op.
/// </summary>
public interface IHistoryStore : IAsyncDisposable
{
    /// <summary>The schema version the store is at after opening (migrations applied).</summary>
    int SchemaVersion { get; }

    /// <summary>Stores a run with its identity, metrics and items in one transaction.</summary>
    Task<RecordOutcome> RecordAsync(HistoryRecord record, CancellationToken ct);

    /// <summary>Recorded runs, newest first.</summary>
    Task<IReadOnlyList<RecordedRun>> ListAsync(HistoryFilter filter, CancellationToken ct);

    /// <summary>One metric of one suite across runs, oldest first (the <see cref="TrendQuery.Last"/> newest).</summary>
    Task<IReadOnlyList<SeriesPoint>> SeriesAsync(TrendQuery query, CancellationToken ct);

    /// <summary>
    /// Run ids a reference names, newest first: the run id itself, else runs tagged with it, else
    /// runs of a commit or run id it is a hex prefix of (at least 4 characters). Empty when nothing matches.
    /// </summary>
    Task<IReadOnlyList<RecordedRun>> FindAsync(string reference, CancellationToken ct);

    /// <summary>Stores one coverage measurement (`cigate coverage --history`); the same measurement id twice is a
    /// no-op.</summary>
    Task<RecordOutcome> RecordCoverageAsync(CoverageRecord record, CancellationToken ct);

    /// <summary>
    /// One coverage metric (<see cref="CoverageRecord.Metrics"/>, in <see cref="TrendQuery.Metric"/>) across
    /// measurements, oldest first; <see cref="TrendQuery.Suite"/> is ignored, <see cref="TrendQuery.Target"/>
    /// filters on the embedder. A point's measurement identity is the embedder and the suites measured with, so a
    /// change of either breaks the line while added test cases do not.
    /// </summary>
    Task<IReadOnlyList<SeriesPoint>> CoverageSeriesAsync(TrendQuery query, CancellationToken ct);

    /// <summary>Rebuilds a recorded run as the compare engine reads a results folder; null when unknown.</summary>
    Task<LoadedRun?> LoadAsync(string runId, CancellationToken ct);
}
