using System.Security.Cryptography;
using CiGate.Core.Diagnostics;
using CiGate.History.Schema;
using CiGate.History.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CiGate.History.Tests;

/// <summary>
/// A SQLite store arrives as an artifact, so it is input: anything CiGate's migrations did not
/// make (the reported attack was a trigger that rewrote the next run's accuracy) refuses it,
/// before the first write.
/// </summary>
public sealed class ForeignObjectTests(PostgresServer postgres) : IDisposable
{
    private readonly StoreFactory stores = new(postgres);

    [Fact]
    public async Task A_store_with_a_trigger_is_refused_by_record_before_any_write()
    {
        // arrange: a genuine store with one run, then the poisoned trigger added to it
        var ct = TestContext.Current.CancellationToken;
        var db = stores.SqlitePath;
        var first = Path.Combine(stores.Folder, "r1");
        var second = Path.Combine(stores.Folder, "r2");
        await SyntheticRuns.WriteAsync(SyntheticRuns.Create("r1", accuracy: 0.34), first, ct);
        await SyntheticRuns.WriteAsync(SyntheticRuns.Create("r2", accuracy: 0.34, started: SyntheticRuns.Epoch.AddDays(1)), second, ct);
        Assert.Equal(0, (await CigateCli.RunAsync("history", "record", first, "--db", db)).ExitCode);
        await ExecuteAsync(db, "CREATE TRIGGER poison AFTER INSERT ON metrics BEGIN UPDATE metrics SET value = 0.99 WHERE rowid = NEW.rowid; END", ct);
        var before = await HashAsync(db, ct);

        // act
        var record = await CigateCli.RunAsync("history", "record", second, "--db", db);
        var list = await CigateCli.RunAsync("history", "list", "--db", db);

        // assert: one line, exit 2, and the file is exactly as it was (no run, no WAL, no header change)
        Assert.Equal(ExitCodes.UsageOrConfig, record.ExitCode);
        Assert.StartsWith($"{db}: error CIGATE0720: ", record.Stderr, StringComparison.Ordinal);
        Assert.Contains("trigger poison on metrics", record.Stderr, StringComparison.Ordinal);
        Assert.Single(record.Stderr.Trim().Split('\n'));
        Assert.Equal(ExitCodes.UsageOrConfig, list.ExitCode);
        Assert.Equal(before, await HashAsync(db, ct));
        Assert.False(File.Exists(db + "-wal") && new FileInfo(db + "-wal").Length > 0);
    }

    [Theory]
    [InlineData("CREATE VIEW latest AS SELECT * FROM runs", "view latest on latest")]
    [InlineData("CREATE TABLE extra (x TEXT)", "table extra on extra")]
    [InlineData("CREATE INDEX ix_evil ON items (output)", "index ix_evil on items")]
    [InlineData("ALTER TABLE metrics ADD COLUMN note TEXT", "column metrics.note")]
    [InlineData("CREATE TRIGGER t BEFORE DELETE ON runs BEGIN SELECT 1; END", "trigger t on runs")]
    public async Task Any_object_outside_the_schema_is_refused_on_open(string sql, string named)
    {
        var ct = TestContext.Current.CancellationToken;
        await using (await HistoryStores.OpenSqliteAsync(stores.SqlitePath, ct))
        {
        }

        await ExecuteAsync(stores.SqlitePath, sql, ct);

        var ex = await Assert.ThrowsAsync<CiGateException>(() => HistoryStores.OpenSqliteAsync(stores.SqlitePath, ct));

        Assert.Equal((DiagnosticCodes.HistoryStoreForeign, ExitCodes.UsageOrConfig), (ex.Diagnostics[0].Code, ex.ExitCode));
        Assert.Contains(named, ex.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_file_that_is_not_a_store_is_refused_but_an_analyzed_store_opens()
    {
        // arrange: someone else's database under the store's name; and a store after ANALYZE
        var ct = TestContext.Current.CancellationToken;
        var other = Path.Combine(stores.Folder, "other.db");
        await ExecuteAsync(other, "CREATE TABLE runs (id INTEGER PRIMARY KEY, accuracy REAL)", ct);
        await using (await HistoryStores.OpenSqliteAsync(stores.SqlitePath, ct))
        {
        }

        await ExecuteAsync(stores.SqlitePath, "ANALYZE", ct);

        // act
        var refused = await Assert.ThrowsAsync<CiGateException>(() => HistoryStores.OpenSqliteAsync(other, ct));
        await using var analyzed = await HistoryStores.OpenSqliteAsync(stores.SqlitePath, ct);

        // assert
        Assert.Equal(DiagnosticCodes.HistoryStoreForeign, refused.Diagnostics[0].Code);
        Assert.Equal(SchemaMigrations.Current, analyzed.SchemaVersion);
    }

    public void Dispose() => stores.Dispose();

    private static async Task ExecuteAsync(string path, string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file, ct));
    }
}
