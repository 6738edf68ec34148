using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.ExceptionServices;
using CiGate.Core.Diagnostics;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Transactions;
using DbUp.Postgresql;
using DbUp.Sqlite;
using DbUp.Sqlite.Helpers;

namespace CiGate.History.Schema;

/// <summary>
/// The history schema, as an ordered list of migrations that DbUp applies. Opening a store applies
/// the missing ones in one transaction, under a lock, so two recorders that open a fresh store at
/// once do not both create it. A store newer than this tool is refused rather than written to.
/// </summary>
internal static class SchemaMigrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "runs, suite runs, metrics and items", V1),
        new(2, "texts stored once per suite definition and dataset; measurement keys; query indexes", V2),
        new(3, "served identity per suite run and identity breaks", V3),
        // cov2 (issue #26): if another branch adds a version 4 first, renumber this one on merge.
        new(4, "coverage measurements (cigate coverage --history)", V4Coverage),
    ];

    public static int Current => All[^1].Version;

    /// <summary>Brings the store to <paramref name="target"/> (default: current) and returns its version.</summary>
    public static Task<int> MigrateAsync(
        DbConnection connection, SqlDialect dialect, CancellationToken ct, int? target = null)
    {
        ct.ThrowIfCancellationRequested();
        var goal = target ?? Current;
        var journal = new VersionJournal(dialect.MigrationLockSql);
        var builder = new UpgradeEngineBuilder();
        builder.Configure(c =>
        {
            c.ConnectionManager = new SharedConnectionManager(connection);
            journal.ConnectionManager = c.ConnectionManager;
            c.Journal = journal;
            c.ScriptExecutor = dialect is PostgresDialect
                ? new PostgresqlScriptExecutor(
                    () => c.ConnectionManager, () => c.Log, null, () => c.VariablesEnabled, c.ScriptPreprocessors,
                    () => c.Journal)
                : new SqliteScriptExecutor(
                    () => c.ConnectionManager, () => c.Log, null, () => c.VariablesEnabled, c.ScriptPreprocessors,
                    () => c.Journal);
        });
        var engine = builder
            .WithScripts(All.Where(m => m.Version <= goal).Select(m =>
                new SqlScript(ScriptName(m), Script(m, dialect))))
            .WithTransaction()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();
        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            ExceptionDispatchInfo.Throw(result.Error);
        }

        return Task.FromResult(journal.Version);
    }

    // DbUp knows a migration by its script name; the journal below maps names to versions.
    private static string ScriptName(Migration migration) =>
        string.Create(CultureInfo.InvariantCulture, $"{migration.Version:D4} {migration.Description}");

    // One script per version, so the journal gains one row per version as before; its statements
    // are split again by the connection manager, each run as its own command.
    private const string StatementSeparator = "\n-- cigate: next statement\n";

    private static string Script(Migration migration, SqlDialect dialect) =>
        string.Join(StatementSeparator, migration.Statements(dialect));

    /// <summary>
    /// DbUp's journal, kept in the table every store already has (version, applied_at,
    /// description; one row per version), so a store migrated by the hand-written runner this
    /// replaced is read as at its version and nothing is run twice. It also takes the migration
    /// lock and refuses a store newer than this tool, both first in DbUp's one transaction.
    /// </summary>
    private sealed class VersionJournal(string? lockSql) : IJournal
    {
        private const string JournalTable = "CREATE TABLE IF NOT EXISTS cigate_schema "
            + "(version BIGINT NOT NULL, applied_at TEXT NOT NULL, description TEXT NOT NULL)";

        public IConnectionManager? ConnectionManager { get; set; }

        public int Version { get; private set; }

        public string[] GetExecutedScripts() =>
            ConnectionManager!.ExecuteCommandsWithManagedConnection(command =>
            {
                if (lockSql is not null)
                {
                    Execute(command, lockSql);
                }

                Execute(command, JournalTable);
                using var max = command();
                max.CommandText = "SELECT MAX(version) FROM cigate_schema";
                var value = max.ExecuteScalar();
                Version = value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
                if (Version > Current)
                {
                    throw new CiGateException(new Diagnostic(DiagnosticCodes.HistorySchemaTooNew,
                        $"the history store is at schema version {Version}, newer than this cigate understands "
                        + $"({Current}); upgrade cigate"));
                }

                return All.Where(m => m.Version <= Version).Select(ScriptName).ToArray();
            });

        public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory)
        {
            var migration = All.Single(m => ScriptName(m) == script.Name);
            using var insert = dbCommandFactory();
            insert.CommandText = "INSERT INTO cigate_schema (version, applied_at, description) VALUES (@v, @at, @d)";
            Add(insert, "@v", DbType.Int64, migration.Version);
            Add(insert, "@at", DbType.String, Sql.Time(DateTimeOffset.UtcNow));
            Add(insert, "@d", DbType.String, migration.Description);
            insert.ExecuteNonQuery();
            Version = migration.Version;
        }

        // The table is made (under the lock) when the executed scripts are read, before any runs.
        public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory)
        {
        }

        private static void Execute(Func<IDbCommand> command, string sql)
        {
            using var statement = command();
            statement.CommandText = sql;
            statement.ExecuteNonQuery();
        }

        private static void Add(IDbCommand command, string name, DbType type, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>DbUp on the store's own open connection (the caller opened it and will close it).</summary>
    private sealed class SharedConnectionManager(DbConnection connection)
        : DatabaseConnectionManager(new DelegateConnectionFactory(_ => new SharedConnection(connection)))
    {
        public override IEnumerable<string> SplitScriptIntoCommands(string scriptContents) =>
            scriptContents.Split(StatementSeparator);
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

    /// <summary>
    /// Version 3: what answered each suite run (<c>served_identity</c>, the key of results.json's
    /// identity block; null for runs recorded before it) and whether it changed from the previous
    /// run of the series while the configured model did not (<c>identity_break</c>: a silent swap).
    /// </summary>
    private static List<string> V3(SqlDialect d) =>
    [
        "ALTER TABLE suite_runs ADD COLUMN served_identity TEXT",
        "ALTER TABLE suite_runs ADD COLUMN identity_break BIGINT NOT NULL DEFAULT 0",
    ];

    /// <summary>
    /// Version 4 (issue #26): one row per coverage measurement, its identity columns as in runs; the traffic is
    /// kept as its SHA-256 only, never its text.
    /// </summary>
    private static List<string> V4Coverage(SqlDialect d) =>
    [
        $"""
        CREATE TABLE coverage_runs (
          id {d.IdentityKey}, measurement_id TEXT NOT NULL UNIQUE,
          repository TEXT, commit_sha TEXT, branch TEXT, tag TEXT, pull_request BIGINT, runner TEXT, run_url TEXT,
          measured_at TEXT NOT NULL, recorded_at TEXT NOT NULL, tool_version TEXT NOT NULL,
          traffic_sha256 TEXT NOT NULL, embedder TEXT NOT NULL, suites TEXT NOT NULL,
          records BIGINT NOT NULL, test_cases BIGINT NOT NULL, clusters BIGINT NOT NULL,
          uncovered_clusters BIGINT NOT NULL, coverage DOUBLE PRECISION NOT NULL,
          uncovered_share DOUBLE PRECISION NOT NULL, uncovered_negative_share DOUBLE PRECISION NOT NULL)
        """,
        "CREATE INDEX ix_coverage_runs_branch ON coverage_runs (branch, measured_at)",
    ];
}
