using System.Data.Common;
using CiGate.Core.Diagnostics;
using CiGate.Core.History;
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
        Assert.Equal(2, store.SchemaVersion);
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
        Assert.All(opened, s => Assert.Equal(2, s.SchemaVersion));
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        await using var connection = await ConnectAsync("postgres", ct);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM cigate_schema";
        Assert.Equal(2L, Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<DbConnection> ConnectAsync(string backend, CancellationToken ct)
    {
        DbConnection connection = backend == "postgres"
            ? new NpgsqlConnection(await stores.PostgresConnectionAsync(ct))
            : new SqliteConnection($"Data Source={stores.SqlitePath};Pooling=False");
        await connection.OpenAsync(ct);
        return connection;
    }

    public void Dispose() => stores.Dispose();
}
