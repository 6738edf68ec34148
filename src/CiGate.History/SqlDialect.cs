using System.Data.Common;

namespace CiGate.History;

/// <summary>
/// What differs between the two backends; everything else (schema, queries, recording) is one
/// code path in <see cref="SqlHistoryStore"/>. The schema uses types both databases read the same
/// way: TEXT, BIGINT, DOUBLE PRECISION.
/// </summary>
internal abstract class SqlDialect
{
    public abstract string Name { get; }

    /// <summary>An auto-numbered 64-bit primary key column.</summary>
    public abstract string IdentityKey { get; }

    /// <summary>Appended to tables keyed by their primary key only (SQLite stores them clustered).</summary>
    public abstract string ClusteredSuffix { get; }

    /// <summary>
    /// The statement that serialises migrations between processes that open the same store at
    /// once, run first in the migration's transaction; null where the database's own write lock does.
    /// </summary>
    public virtual string? MigrationLockSql => null;

    /// <summary>Inserts every sample of one suite run (the hot path: 12k rows for MMLU-Pro).</summary>
    public abstract Task InsertItemsAsync(DbConnection connection, DbTransaction transaction, long suiteRun, IReadOnlyList<ItemRow> rows, CancellationToken ct);

    /// <summary>Inserts texts not yet stored; concurrent recorders may race, so conflicts are ignored.</summary>
    public abstract Task InsertTextsAsync(DbConnection connection, DbTransaction transaction, string textKey, IReadOnlyList<TextRow> rows, CancellationToken ct);
}
