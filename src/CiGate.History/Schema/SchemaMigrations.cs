using System.Data.Common;
using CiGate.Core.Diagnostics;

namespace CiGate.History.Schema;

/// <summary>
/// The history schema, as an ordered list of migrations. Opening a store applies the missing ones
/// in one transaction, under a lock, so two recorders that open a fresh store at once do not both
/// create it. A store newer than this tool is refused rather than written to.
/// </summary>
internal static class SchemaMigrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "runs, suite runs, metrics and items", V1),
        new(2, "texts stored once per suite definition and dataset; measurement keys; query indexes", V2),
    ];

    public static int Current => All[^1].Version;

    /// <summary>Brings the store to <paramref name="target"/> (default: current) and returns its version.</summary>
    public static async Task<int> MigrateAsync(DbConnection connection, SqlDialect dialect, CancellationToken ct, int? target = null)
    {
        var goal = target ?? Current;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await dialect.LockForMigrationAsync(connection, transaction, ct);
        await Sql.ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS cigate_schema (version BIGINT NOT NULL, applied_at TEXT NOT NULL, description TEXT NOT NULL)", ct);
        var version = await VersionAsync(connection, transaction, ct);
        if (version > Current)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HistorySchemaTooNew, $"the history store is at schema version {version}, newer than this cigate understands ({Current}); upgrade cigate"));
        }

        foreach (var migration in All.Where(m => m.Version > version && m.Version <= goal))
        {
            foreach (var statement in migration.Statements(dialect))
            {
                await Sql.ExecuteAsync(connection, transaction, statement, ct);
            }

            await using var insert = Sql.Command(connection, transaction, "INSERT INTO cigate_schema (version, applied_at, description) VALUES (@v, @at, @d)");
            insert.Int("@v", migration.Version);
            insert.Text("@at", Sql.Time(DateTimeOffset.UtcNow));
            insert.Text("@d", migration.Description);
            await insert.ExecuteNonQueryAsync(ct);
            version = migration.Version;
        }

        await transaction.CommitAsync(ct);
        return version;
    }

    private static async Task<int> VersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, transaction, "SELECT MAX(version) FROM cigate_schema");
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first schema: question and reference were stored with every sample.</summary>
    private static List<string> V1(SqlDialect d) =>
    [
        $"""
        CREATE TABLE runs (
          id {d.IdentityKey}, run_id TEXT NOT NULL UNIQUE,
          repository TEXT, commit_sha TEXT, branch TEXT, tag TEXT, pull_request BIGINT,
          runner TEXT, run_url TEXT, report_url TEXT,
          started_at TEXT NOT NULL, recorded_at TEXT NOT NULL, tool_version TEXT NOT NULL, status TEXT NOT NULL,
          results_json TEXT NOT NULL)
        """,
        $"""
        CREATE TABLE suite_runs (
          id {d.IdentityKey}, run BIGINT NOT NULL REFERENCES runs (id),
          suite TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL, model TEXT NOT NULL, served_model TEXT NOT NULL,
          definition_hash TEXT NOT NULL, prompt_template_hash TEXT, dataset_sha256 TEXT, decoding TEXT,
          score_keys TEXT NOT NULL, extract_keys TEXT NOT NULL,
          UNIQUE (run, suite, target))
        """,
        """
        CREATE TABLE metrics (
          suite_run BIGINT NOT NULL REFERENCES suite_runs (id), metric TEXT NOT NULL,
          value DOUBLE PRECISION NOT NULL, std_err DOUBLE PRECISION NOT NULL, n BIGINT NOT NULL,
          PRIMARY KEY (suite_run, metric))
        """,
        $"""
        CREATE TABLE items (
          suite_run BIGINT NOT NULL, item TEXT NOT NULL, rep BIGINT NOT NULL, prompt_hash TEXT NOT NULL, grp TEXT,
          question TEXT, reference TEXT, scores TEXT NOT NULL, extracted TEXT NOT NULL, output TEXT, finish_reason TEXT,
          latency_ms DOUBLE PRECISION NOT NULL, prompt_tokens BIGINT, completion_tokens BIGINT, attempts BIGINT NOT NULL,
          cached BIGINT NOT NULL, served_model TEXT, error_kind TEXT, error TEXT,
          PRIMARY KEY (suite_run, item, rep)){d.ClusteredSuffix}
        """,
    ];

    /// <summary>
    /// Version 2: a 12k-item suite repeated its question excerpts in every run (about 2.4 MB a
    /// run); they move to a table keyed by (definition, dataset), and trends get a measurement key
    /// and indexes. Existing rows are carried over in SQL, so both backends migrate the same way.
    /// </summary>
    private static List<string> V2(SqlDialect d) =>
    [
        $"CREATE TABLE texts (text_key TEXT NOT NULL, item TEXT NOT NULL, question TEXT, reference TEXT, PRIMARY KEY (text_key, item)){d.ClusteredSuffix}",
        "ALTER TABLE suite_runs ADD COLUMN text_key TEXT",
        "ALTER TABLE suite_runs ADD COLUMN measurement_key TEXT",
        """
        UPDATE suite_runs SET
          text_key = definition_hash || ':' || COALESCE(dataset_sha256, ''),
          measurement_key = served_model || '|' || COALESCE(dataset_sha256, '') || '|' || COALESCE(prompt_template_hash, '') || '|' || definition_hash
        """,
        """
        INSERT INTO texts (text_key, item, question, reference)
        SELECT s.text_key, i.item, MAX(i.question), MAX(i.reference)
        FROM items i JOIN suite_runs s ON s.id = i.suite_run
        WHERE 1 = 1
        GROUP BY s.text_key, i.item
        ON CONFLICT DO NOTHING
        """,
        "ALTER TABLE items DROP COLUMN question",
        "ALTER TABLE items DROP COLUMN reference",
        "CREATE INDEX ix_runs_branch ON runs (branch, started_at)",
        "CREATE INDEX ix_runs_tag ON runs (tag)",
        "CREATE INDEX ix_runs_commit ON runs (commit_sha)",
        "CREATE INDEX ix_suite_runs_suite ON suite_runs (suite, run)",
    ];
}
