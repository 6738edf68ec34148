using System.Data.Common;
using System.Text.Json;
using CiGate.Core.Comparing;
using CiGate.Core.Diagnostics;
using CiGate.Core.History;
using CiGate.Core.Results;
using CiGate.History.Schema;

namespace CiGate.History;

/// <summary>
/// The history store over either backend: one schema, one recording path, one set of queries.
/// A run is recorded in one transaction whose first statement claims its run id
/// (INSERT … ON CONFLICT DO NOTHING): a second recorder of the same run, concurrent or later,
/// finds it taken and does nothing.
/// </summary>
internal sealed class SqlHistoryStore : IHistoryStore
{
    private static readonly JsonSerializerOptions CompactJson = new(ResultsJson.Options) { WriteIndented = false };

    private readonly DbConnection connection;
    private readonly SqlDialect dialect;
    private readonly IAsyncDisposable? owner;
    private readonly HistoryReader reader;

    private SqlHistoryStore(DbConnection connection, SqlDialect dialect, IAsyncDisposable? owner, int version)
    {
        this.connection = connection;
        this.dialect = dialect;
        this.owner = owner;
        SchemaVersion = version;
        reader = new HistoryReader(connection);
    }

    public int SchemaVersion { get; }

    public static async Task<SqlHistoryStore> OpenAsync(DbConnection connection, SqlDialect dialect, IAsyncDisposable? owner, CancellationToken ct, int? schemaVersion = null)
    {
        var version = await SchemaMigrations.MigrateAsync(connection, dialect, ct, schemaVersion);
        return new SqlHistoryStore(connection, dialect, owner, version);
    }

    public async Task<RecordOutcome> RecordAsync(HistoryRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var results = record.Run.Results;
        // A run id is recorded once: an unfinished run, recorded now, could never be replaced by
        // the finished one (resume keeps the id).
        if (results.Status is "running" or "interrupted")
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryRecordRefused, $"the run is {results.Status}; finish it (cigate run --resume) and record it then", record.Run.Folder));
        }

        // Everything is encoded before the transaction, so the write lock is held only for inserts.
        var items = record.Run.Items.ToLookup(i => (i.Suite, i.Target));
        var suites = results.Suites.Select(s => SuiteRows.Build(s, results, [.. items[(s.Suite, s.Target)]], record.OutputCharacters)).ToList();
        var json = JsonSerializer.Serialize(results, CompactJson);

        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var run = await ClaimRunAsync(transaction, record, json, ct);
            if (run is null)
            {
                await transaction.RollbackAsync(ct);
                return RecordOutcome.AlreadyRecorded;
            }

            foreach (var suite in suites)
            {
                await InsertSuiteAsync(transaction, run.Value, suite, record, ct);
            }

            await transaction.CommitAsync(ct);
            return RecordOutcome.Recorded;
        }
        catch (Exception ex) when (ex is DbException or IOException or TimeoutException)
        {
            // The server went away mid-transaction (a restart, a dropped connection during the
            // items COPY): nothing was committed, so recording again is safe.
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryStoreUnavailable, $"recording run {results.RunId} failed, nothing of it was recorded: {ex.Message.TrimEnd('.')}. Record it again when the history database is back", record.Run.Folder));
        }
    }

    public Task<IReadOnlyList<RecordedRun>> ListAsync(HistoryFilter filter, CancellationToken ct) => reader.ListAsync(filter, ct);

    public Task<IReadOnlyList<SeriesPoint>> SeriesAsync(TrendQuery query, CancellationToken ct) => reader.SeriesAsync(query, ct);

    public Task<IReadOnlyList<RecordedRun>> FindAsync(string reference, CancellationToken ct) => reader.FindAsync(reference, ct);

    public Task<LoadedRun?> LoadAsync(string runId, CancellationToken ct) => reader.LoadAsync(runId, ct);

    public Task<RecordOutcome> RecordCoverageAsync(CoverageRecord record, CancellationToken ct) =>
        CoverageHistory.RecordAsync(connection, record, ct);

    public Task<IReadOnlyList<SeriesPoint>> CoverageSeriesAsync(TrendQuery query, CancellationToken ct) =>
        CoverageHistory.SeriesAsync(connection, query, ct);

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        if (owner is not null)
        {
            await owner.DisposeAsync();
        }
    }

    private async Task<long?> ClaimRunAsync(DbTransaction transaction, HistoryRecord record, string json, CancellationToken ct)
    {
        var results = record.Run.Results;
        var id = record.Identity;
        await using var insert = Sql.Command(connection, transaction, """
            INSERT INTO runs (run_id, repository, commit_sha, branch, tag, pull_request, runner, run_url, report_url,
              started_at, recorded_at, tool_version, status, results_json)
            VALUES (@run_id, @repository, @commit, @branch, @tag, @pr, @runner, @run_url, @report_url, @started, @recorded, @tool, @status, @json)
            ON CONFLICT (run_id) DO NOTHING
            RETURNING id
            """);
        insert.Text("@run_id", results.RunId);
        insert.Text("@repository", id.Repository);
        insert.Text("@commit", id.Commit?.ToLowerInvariant());
        insert.Text("@branch", id.Branch);
        insert.Text("@tag", id.Tag);
        insert.Int("@pr", id.PullRequest);
        insert.Text("@runner", id.Runner);
        insert.Text("@run_url", id.RunUrl);
        insert.Text("@report_url", id.ReportUrl);
        insert.Text("@started", Sql.Time(results.StartedAt));
        insert.Text("@recorded", Sql.Time(record.RecordedAt));
        insert.Text("@tool", results.ToolVersion);
        insert.Text("@status", results.Status);
        insert.Text("@json", json);
        var value = await insert.ExecuteScalarAsync(ct);
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task InsertSuiteAsync(
        DbTransaction transaction, long run, SuiteRows suite, HistoryRecord record, CancellationToken ct)
    {
        var s = suite.Result;
        var measurement = MeasurementIdentity.Of(s);
        var served = s.Identity?.Key();
        var identityBreak = served is not null && await IsIdentityBreakAsync(transaction, s, served, record, ct);
        await using var insert = Sql.Command(connection, transaction, """
            INSERT INTO suite_runs (run, suite, target, kind, model, served_model, definition_hash, prompt_template_hash, dataset_sha256,
              decoding, score_keys, extract_keys, text_key, measurement_key, served_identity, identity_break)
            VALUES (@run, @suite, @target, @kind, @model, @served, @definition, @prompt, @dataset, @decoding, @scores, @extracted, @text_key,
              @measurement, @served_identity, @identity_break)
            RETURNING id
            """);
        insert.Text("@served_identity", served);
        insert.Int("@identity_break", identityBreak ? 1 : 0);
        insert.Int("@run", run);
        insert.Text("@suite", s.Suite);
        insert.Text("@target", s.Target);
        insert.Text("@kind", s.Kind);
        insert.Text("@model", s.Model);
        insert.Text("@served", measurement.Model);
        insert.Text("@definition", s.DefinitionHash);
        insert.Text("@prompt", s.PromptTemplateHash);
        insert.Text("@dataset", s.Dataset?.Sha256);
        insert.Text("@decoding", suite.Decoding);
        insert.Text("@scores", ItemCodec.KeysJson(suite.ScoreKeys));
        insert.Text("@extracted", ItemCodec.KeysJson(suite.ExtractKeys));
        insert.Text("@text_key", suite.TextKey);
        insert.Text("@measurement", measurement.Key);
        var id = Convert.ToInt64(await insert.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        await using (var metric = Sql.Command(connection, transaction, "INSERT INTO metrics (suite_run, metric, value, std_err, n) VALUES (@run, @metric, @value, @se, @n)"))
        {
            metric.Int("@run", id);
            var name = metric.Text("@metric");
            var value = metric.Real("@value");
            var se = metric.Real("@se");
            var n = metric.Int("@n");
            foreach (var (key, summary) in s.Metrics)
            {
                (name.Value, value.Value, se.Value, n.Value) = (key, summary.Value, summary.StdErr, (long)summary.N);
                await metric.ExecuteNonQueryAsync(ct);
            }
        }

        var missing = await MissingTextsAsync(transaction, suite, ct);
        if (missing.Count > 0)
        {
            await dialect.InsertTextsAsync(connection, transaction, suite.TextKey, missing, ct);
        }

        await dialect.InsertItemsAsync(connection, transaction, id, suite.Items, ct);
    }

    /// <summary>
    /// Whether what answered this suite differs from the previous recorded run of its series (same
    /// suite, target and branch, started earlier) while the configured model stayed the same and the
    /// suite did not declare `gate: model_change: expected`: a silent swap behind the alias.
    /// </summary>
    private async Task<bool> IsIdentityBreakAsync(
        DbTransaction transaction, SuiteResult suite, string served, HistoryRecord record, CancellationToken ct)
    {
        if (suite.Gate?.ModelChange == Core.Config.ModelChangePolicy.Expected)
        {
            return false;
        }

        await using var select = Sql.Command(connection, transaction, """
            SELECT s.served_identity, s.model FROM suite_runs s JOIN runs r ON r.id = s.run
            WHERE s.suite = @suite AND s.target = @target AND s.served_identity IS NOT NULL
              AND COALESCE(r.branch, '') = @branch AND r.started_at < @started
            ORDER BY r.started_at DESC, r.run_id DESC
            LIMIT 1
            """);
        select.Text("@suite", suite.Suite);
        select.Text("@target", suite.Target);
        select.Text("@branch", record.Identity.Branch ?? "");
        select.Text("@started", Sql.Time(record.Run.Results.StartedAt));
        await using var rows = await select.ExecuteReaderAsync(ct);
        return await rows.ReadAsync(ct) && rows.GetString(1) == suite.Model && rows.GetString(0) != served;
    }

    /// <summary>Texts are stored once per definition and dataset: after the first run, usually none are missing.</summary>
    private async Task<List<TextRow>> MissingTextsAsync(DbTransaction transaction, SuiteRows suite, CancellationToken ct)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using var select = Sql.Command(connection, transaction, "SELECT item FROM texts WHERE text_key = @key");
        select.Text("@key", suite.TextKey);
        await using (var rows = await select.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                stored.Add(rows.GetString(0));
            }
        }

        return [.. suite.Texts.Where(t => !stored.Contains(t.Item))];
    }
}
