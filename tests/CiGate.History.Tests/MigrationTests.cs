using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Diagnostics;
using CiGate.Core.History;
using CiGate.Core.Results;
using CiGate.History.Schema;
using CiGate.History.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CiGate.History.Tests;

/// <summary>A store written by an older cigate (schema v1: texts inline in every item) opens, migrates and reads.</summary>
public sealed class MigrationTests(PostgresServer postgres) : IDisposable
{
    private readonly StoreFactory stores = new(postgres);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_version_1_store_migrates_to_the_current_schema_and_keeps_its_runs(string backend)
    {
        // arrange: a v1 store holding one run, written with v1's own SQL
        var ct = TestContext.Current.CancellationToken;
        await using (var old = await stores.OpenAtVersionAsync(backend, 1, ct))
        {
            Assert.Equal(1, old.SchemaVersion);
        }

        await using (var connection = await ConnectAsync(backend, ct))
        {
            await V1Writer.WriteAsync(connection, SyntheticRuns.Create("old-run", items: 30), new RunIdentity("o/r", "0123456789", "main", "v1.0"), ct);
        }

        // act: a current cigate opens it
        await using var store = await stores.OpenAsync(backend, ct);
        var loaded = await store.LoadAsync("old-run", ct);
        var series = await store.SeriesAsync(new TrendQuery(SyntheticRuns.Suite, SyntheticRuns.Metric), ct);
        await store.RecordAsync(new HistoryRecord(SyntheticRuns.Create("new-run", items: 30, started: SyntheticRuns.Epoch.AddDays(1)), new RunIdentity(Branch: "main"), SyntheticRuns.Epoch), ct);
        var trend = Trend.Build(new TrendQuery(SyntheticRuns.Suite, SyntheticRuns.Metric), await store.SeriesAsync(new TrendQuery(SyntheticRuns.Suite, SyntheticRuns.Metric), ct));

        // assert: the items kept their texts (moved to the texts table), and the old and new
        // runs measure the same thing, so one comparable segment
        Assert.Equal(SchemaMigrations.Current, store.SchemaVersion);
        Assert.NotNull(loaded);
        Assert.Equal(30, loaded.Items.Count);
        Assert.All(loaded.Items, i => Assert.StartsWith("Question ", i.Question, StringComparison.Ordinal));
        Assert.All(loaded.Items, i => Assert.Equal("B", i.Reference));
        Assert.Equal("v1.0", Assert.Single(series).Identity.Tag);
        Assert.Single(Assert.Single(trend.Series).Segments);
        Assert.Equal("old-run", (await HistoryReferences.ResolveAsync(store, "v1.0", ct)).RunId);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_store_the_hand_written_runner_migrated_opens_at_its_version_and_nothing_runs_again(
        string backend)
    {
        // arrange: the schema made as the runner before DbUp made it: each version's statements
        // and then its row in cigate_schema, all in one transaction
        var ct = TestContext.Current.CancellationToken;
        await using (var connection = await ConnectAsync(backend, ct))
        {
            var dialect = backend == "postgres" ? (SqlDialect)PostgresDialect.Instance : SqliteDialect.Instance;
            await using var transaction = await connection.BeginTransactionAsync(ct);
            const string Journal = "CREATE TABLE IF NOT EXISTS cigate_schema "
                + "(version BIGINT NOT NULL, applied_at TEXT NOT NULL, description TEXT NOT NULL)";
            await ExecuteAsync(connection, transaction, Journal, ct);
            foreach (var migration in SchemaMigrations.All)
            {
                foreach (var statement in migration.Statements(dialect))
                {
                    await ExecuteAsync(connection, transaction, statement, ct);
                }

                var applied = $"2026-01-0{migration.Version}T00:00:00.000Z";
                var row = $"({migration.Version}, '{applied}', '{migration.Description}')";
                var insert = $"INSERT INTO cigate_schema (version, applied_at, description) VALUES {row}";
                await ExecuteAsync(connection, transaction, insert, ct);
            }

            await transaction.CommitAsync(ct);
        }

        // act: a current cigate opens it (re-running version 1 or 2 would fail: their tables exist)
        await using (var store = await stores.OpenAsync(backend, ct))
        {
            var run = SyntheticRuns.Create("after-dbup", items: 5);
            await store.RecordAsync(new HistoryRecord(run, new RunIdentity(Branch: "main"), SyntheticRuns.Epoch), ct);
            Assert.Equal(SchemaMigrations.Current, ((SqlHistoryStore)store).SchemaVersion);
        }

        // assert: the journal is the same rows, untouched
        await using var check = await ConnectAsync(backend, ct);
        await using var rows = check.CreateCommand();
        rows.CommandText = "SELECT version, applied_at FROM cigate_schema ORDER BY version";
        var journal = new List<string>();
        await using (var reader = await rows.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                journal.Add($"{reader.GetInt64(0)} {reader.GetString(1)}");
            }
        }

        Assert.Equal([.. SchemaMigrations.All.Select(m => $"{m.Version} 2026-01-0{m.Version}T00:00:00.000Z")], journal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_run_stored_with_results_schema_1_loads_with_its_kind_details(string backend)
    {
        // arrange: a run with a kind's own part, stored as the first release wrote results.json
        // (schema 1: the part under the kind's name, "perf" and "safety" null on every suite)
        var ct = TestContext.Current.CancellationToken;
        var run = SyntheticRuns.Create("schema-1-run", items: 5);
        var details = new JsonObject { ["classifier"] = "detector", ["rates"] = new JsonArray(0.25, 0.75) };
        run = run with { Results = run.Results with { Suites = [run.Results.Suites[0] with { Details = details }] } };
        await using (var store = await stores.OpenAsync(backend, ct))
        {
            await store.RecordAsync(new HistoryRecord(run, new RunIdentity(Branch: "main"), SyntheticRuns.Epoch), ct);
        }

        var old = JsonNode.Parse(JsonSerializer.Serialize(run.Results, ResultsJson.Options))!.AsObject();
        old["schema_version"] = 1;
        var suite = old["suites"]![0]!.AsObject();
        suite.Remove("details");
        suite["perf"] = null;
        suite["safety"] = null;
        suite[suite["kind"]!.GetValue<string>()] = details.DeepClone();
        await using (var connection = await ConnectAsync(backend, ct))
        {
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE runs SET results_json = @json WHERE run_id = 'schema-1-run'";
            var parameter = update.CreateParameter();
            parameter.ParameterName = "@json";
            parameter.Value = old.ToJsonString(ResultsJson.Options);
            update.Parameters.Add(parameter);
            Assert.Equal(1, await update.ExecuteNonQueryAsync(ct));
        }

        // act
        await using var reopened = await stores.OpenAsync(backend, ct);
        var loaded = await reopened.LoadAsync("schema-1-run", ct);

        // assert
        Assert.NotNull(loaded);
        Assert.Equal(RunResults.CurrentSchemaVersion, loaded.Results.SchemaVersion);
        Assert.Equal(details.ToJsonString(), loaded.Results.Suites[0].Details?.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_store_newer_than_this_tool_is_refused(string backend)
    {
        var ct = TestContext.Current.CancellationToken;
        await using (await stores.OpenAsync(backend, ct))
        {
        }

        await using (var connection = await ConnectAsync(backend, ct))
        {
            await using var bump = connection.CreateCommand();
            bump.CommandText = "INSERT INTO cigate_schema (version, applied_at, description) VALUES (99, 'later', 'from the future')";
            await bump.ExecuteNonQueryAsync(ct);
        }

        var error = await Assert.ThrowsAsync<CiGateException>(() => stores.OpenAsync(backend, ct));
        Assert.Equal(DiagnosticCodes.HistorySchemaTooNew, error.Diagnostics[0].Code);
    }

    [Fact]
    public async Task Opening_a_fresh_store_from_two_connections_at_once_creates_one_schema()
    {
        var ct = TestContext.Current.CancellationToken;
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => stores.OpenAsync("postgres", ct), ct)));
        Assert.All(opened, s => Assert.Equal(SchemaMigrations.Current, s.SchemaVersion));
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        await using var connection = await ConnectAsync("postgres", ct);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM cigate_schema";
        Assert.Equal((long)SchemaMigrations.Current, Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<DbConnection> ConnectAsync(string backend, CancellationToken ct)
    {
        DbConnection connection = backend == "postgres"
            ? new NpgsqlConnection(await stores.PostgresConnectionAsync(ct))
            : new SqliteConnection($"Data Source={stores.SqlitePath};Pooling=False");
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    public void Dispose() => stores.Dispose();
}
