using System.Data.Common;

namespace CiGate.History;

/// <summary>
/// SQLite: one prepared statement reused for every row inside the recording transaction, which
/// is the fast path for this engine (no per-row parse, one fsync at commit).
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private static readonly string[] ItemColumns =
    [
        "suite_run", "item", "rep", "prompt_hash", "grp", "scores", "extracted", "output", "finish_reason", "latency_ms",
        "prompt_tokens", "completion_tokens", "attempts", "cached", "served_model", "error_kind", "error",
    ];

    public override string Name => "sqlite";

    public override string IdentityKey => "INTEGER PRIMARY KEY";

    public override string ClusteredSuffix => " WITHOUT ROWID";

    // No MigrationLockSql: the migration's transaction is BEGIN IMMEDIATE (Microsoft.Data.Sqlite's
    // default), so it already holds the database's write lock.

    public override async Task InsertItemsAsync(DbConnection connection, DbTransaction transaction, long suiteRun, IReadOnlyList<ItemRow> rows, CancellationToken ct)
    {
        // One row a statement: Microsoft.Data.Sqlite binds parameters by name, so a multi-row
        // statement's binding cost grows with the square of its parameter count (measured: 4x slower).
        await using var insert = Sql.Command(connection, transaction, $"INSERT INTO items ({string.Join(", ", ItemColumns)}) VALUES ({string.Join(", ", ItemColumns.Select((_, c) => $"@p{c}"))})");
        var p = ItemColumns.Select((_, c) => insert.Add($"@p{c}", System.Data.DbType.Object)).ToArray();
        p[0].Value = suiteRun;
        await insert.PrepareAsync(ct);
        foreach (var r in rows)
        {
            p[1].Value = r.Item;
            p[2].Value = r.Repeat;
            p[3].Value = r.PromptHash;
            p[4].Value = (object?)r.Group ?? DBNull.Value;
            p[5].Value = r.Scores;
            p[6].Value = r.Extracted;
            p[7].Value = (object?)r.Output ?? DBNull.Value;
            p[8].Value = (object?)r.FinishReason ?? DBNull.Value;
            p[9].Value = r.LatencyMs;
            p[10].Value = (object?)r.PromptTokens ?? DBNull.Value;
            p[11].Value = (object?)r.CompletionTokens ?? DBNull.Value;
            p[12].Value = r.Attempts;
            p[13].Value = r.Cached ? 1L : 0L;
            p[14].Value = (object?)r.ServedModel ?? DBNull.Value;
            p[15].Value = (object?)r.ErrorKind ?? DBNull.Value;
            p[16].Value = (object?)r.Error ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    public override async Task InsertTextsAsync(DbConnection connection, DbTransaction transaction, string textKey, IReadOnlyList<TextRow> rows, CancellationToken ct)
    {
        await using var insert = Sql.Command(connection, transaction, "INSERT INTO texts (text_key, item, question, reference) VALUES (@key, @item, @q, @r) ON CONFLICT DO NOTHING");
        insert.Text("@key", textKey);
        var item = insert.Text("@item");
        var question = insert.Text("@q");
        var reference = insert.Text("@r");
        await insert.PrepareAsync(ct);
        foreach (var row in rows)
        {
            item.Value = row.Item;
            question.Value = (object?)row.Question ?? DBNull.Value;
            reference.Value = (object?)row.Reference ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }
}
