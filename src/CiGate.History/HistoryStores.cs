using System.Data.Common;
using CiGate.Core.Diagnostics;
using CiGate.Core.History;
using CiGate.History.Schema;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CiGate.History;

/// <summary>Opens a history store (creating or migrating its schema) on either backend.</summary>
public static class HistoryStores
{
    public static Task<IHistoryStore> OpenAsync(HistoryLocation location, CancellationToken ct) => OpenAsync(location, Environment.GetEnvironmentVariable, ct);

    public static async Task<IHistoryStore> OpenAsync(HistoryLocation location, Func<string, string?> env, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsPostgres
            ? await OpenPostgresAsync(location.PostgresConnectionString(env), location.Describe(), ct)
            : await OpenSqliteAsync(location.SqlitePath ?? HistoryLocation.DefaultSqlitePath, ct);
    }

    public static async Task<IHistoryStore> OpenSqliteAsync(string path, CancellationToken ct) => await OpenSqliteAsync(path, ct, null);

    internal static async Task<SqlHistoryStore> OpenSqliteAsync(string path, CancellationToken ct, int? schemaVersion)
    {
        var full = Path.GetFullPath(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,

            // Waits this long for another recorder's write lock instead of failing at once.
            DefaultTimeout = 120,
        }.ToString());
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await connection.OpenAsync(ct);

            // A SQLite store may come from an artifact: refuse a trigger or view in it before the
            // first write (the pragmas below already write the file's header).
            await ForeignObjects.RefuseAsync(connection, full, ct);

            // WAL lets readers (trend, site) work while a recorder writes; NORMAL syncs at checkpoints.
            await Sql.ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", ct);
            return await SqlHistoryStore.OpenAsync(connection, SqliteDialect.Instance, null, ct, schemaVersion);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            await connection.DisposeAsync();
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryStoreUnavailable, $"cannot open the history database: {ex.Message}", full));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task<IHistoryStore> OpenPostgresAsync(string connectionString, CancellationToken ct) => await OpenPostgresAsync(connectionString, "PostgreSQL", ct);

    internal static async Task<SqlHistoryStore> OpenPostgresAsync(string connectionString, string description, CancellationToken ct, int? schemaVersion = null)
    {
        NpgsqlDataSource source;
        try
        {
            source = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The message may quote the string; say only that it is malformed.
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryStoreUnavailable, $"the connection string in {description} is not valid ({ex.GetType().Name})"));
        }

        DbConnection? connection = null;
        try
        {
            connection = await source.OpenConnectionAsync(ct);
            return await SqlHistoryStore.OpenAsync(connection, PostgresDialect.Instance, source, ct, schemaVersion);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            await DisposeAsync(connection, source);
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryStoreUnavailable, $"cannot use the history database {description}: {ex.Message}"), ExitCodes.Infrastructure);
        }
        catch
        {
            await DisposeAsync(connection, source);
            throw;
        }
    }

    private static async Task DisposeAsync(DbConnection? connection, NpgsqlDataSource source)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        await source.DisposeAsync();
    }
}
