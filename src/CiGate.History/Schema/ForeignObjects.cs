using System.Collections.Concurrent;
using CiGate.Core.Diagnostics;
using Microsoft.Data.Sqlite;

namespace CiGate.History.Schema;

/// <summary>
/// Refuses a SQLite history store that holds anything CiGate's own migrations did not make: a
/// trigger (it runs inside the next recording, with the recorder's writes), a view, an unknown
/// table or index, a table with other columns. A SQLite store travels as a workflow artifact, so
/// it is input, not trusted state. Checked on open, before any write, against a store built in
/// memory by the same migrations up to the file's own schema version.
/// </summary>
internal static class ForeignObjects
{
    /// <summary>Tables SQLite itself makes on ANALYZE: planner statistics, no code.</summary>
    private static readonly HashSet<string> SqliteStatistics = ["sqlite_stat1", "sqlite_stat4"];

    private static readonly ConcurrentDictionary<int, Lazy<Task<HashSet<string>>>> Expected = new();

    public static async Task RefuseAsync(SqliteConnection connection, string path, CancellationToken ct)
    {
        var actual = await DescribeAsync(connection, ct);
        if (actual.Count == 0)
        {
            return;
        }

        var version = await VersionAsync(connection, ct);
        if (version > SchemaMigrations.Current)
        {
            // The migration refuses it as too new, with its own message; nothing to compare with.
            return;
        }

        var expected = await Expected.GetOrAdd(version, v => new Lazy<Task<HashSet<string>>>(() => BuildAsync(v))).Value;
        var foreign = actual.Where(o => !expected.Contains(o) && !SqliteStatistics.Contains(NameOf(o))).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryStoreForeign,
                $"refusing the history store: it holds {string.Join(", ", foreign.Take(5))}{(foreign.Count > 5 ? $" and {foreign.Count - 5} more" : "")}, not part of CiGate's schema (version {version}); a store from an untrusted run or edited by hand is never written to", path));
        }
    }

    /// <summary>
    /// One string per object ("trigger t on runs") and per table column ("column runs.run_id TEXT
    /// not null, default ..., pk 0, hidden 0"): columns catch a table redefined under the right name.
    /// </summary>
    private static async Task<HashSet<string>> DescribeAsync(SqliteConnection connection, CancellationToken ct)
    {
        var objects = new HashSet<string>(StringComparer.Ordinal);
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT type, name, tbl_name FROM sqlite_master";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (type, name, table) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                objects.Add($"{type} {name} on {table}");
                if (type == "table" && !name.StartsWith("sqlite_", StringComparison.Ordinal))
                {
                    tables.Add(name);
                }
            }
        }

        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(@table)";
            command.Parameters.AddWithValue("@table", table);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var defaultValue = reader.IsDBNull(3) ? "none" : reader.GetString(3);
                objects.Add($"column {table}.{reader.GetString(0)} {reader.GetString(1)} notnull {reader.GetInt64(2)} default {defaultValue} pk {reader.GetInt64(4)} hidden {reader.GetInt64(5)}");
            }
        }

        return objects;
    }

    private static async Task<int> VersionAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'cigate_schema'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT MAX(version) FROM cigate_schema";
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What CiGate's migrations make, up to <paramref name="version"/>, in a private in-memory database.</summary>
    private static async Task<HashSet<string>> BuildAsync(int version)
    {
        await using var memory = new SqliteConnection("Data Source=:memory:;Pooling=False");
        await memory.OpenAsync();
        await SchemaMigrations.MigrateAsync(memory, SqliteDialect.Instance, CancellationToken.None, version);
        return await DescribeAsync(memory, CancellationToken.None);
    }

    /// <summary>The object's name in "type name on table" (SQLite's own tables get no column lines).</summary>
    private static string NameOf(string description) => description.Split(' ')[1];
}
