using CiGate.Core.History;

namespace CiGate.History.Tests.Support;

/// <summary>A fresh, empty store of either backend: a temp SQLite file, or a new PostgreSQL database.</summary>
public sealed class StoreFactory(PostgresServer postgres) : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("cigate-history-");
    private string? postgresDatabase;

    public string SqlitePath => Path.Combine(folder.FullName, "history.db");

    public string Folder => folder.FullName;

    /// <summary>Opens a store; every call for the same backend opens the same database (a second connection).</summary>
    public async Task<IHistoryStore> OpenAsync(string backend, CancellationToken ct) =>
        backend == "postgres"
            ? await HistoryStores.OpenPostgresAsync(await PostgresConnectionAsync(ct), ct)
            : await HistoryStores.OpenSqliteAsync(SqlitePath, ct);

    internal async Task<SqlHistoryStore> OpenAtVersionAsync(string backend, int version, CancellationToken ct) =>
        backend == "postgres"
            ? await HistoryStores.OpenPostgresAsync(await PostgresConnectionAsync(ct), "test", ct, version)
            : await HistoryStores.OpenSqliteAsync(SqlitePath, ct, version);

    public async Task<string> PostgresConnectionAsync(CancellationToken ct) => postgresDatabase ??= await postgres.CreateDatabaseAsync(ct);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
