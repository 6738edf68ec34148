using CiGate.Core.Comparing;
using CiGate.Core.History;
using CiGate.Core.Results;
using CiGate.Core.Targets;
using CiGate.History.Tests.Support;

namespace CiGate.History.Tests;

/// <summary>
/// A suite run whose served identity differs from the previous run of its series, the configured
/// model unchanged, is recorded as an identity break: listed, and a new trend segment.
/// </summary>
public sealed class IdentityBreakTests(PostgresServer postgres) : IDisposable
{
    private readonly StoreFactory stores = new(postgres);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_silent_swap_is_an_identity_break_and_a_declared_one_or_another_branch_is_not(string backend)
    {
        // arrange: main runs on fp_1, then fp_1 again, then fp_2 (a swap), then fp_2 again;
        // a branch's first run on fp_3 has no previous run on its branch; one older run has no identity
        var ct = TestContext.Current.CancellationToken;
        await using var store = await stores.OpenAsync(backend, ct);
        await RecordAsync(store, "r0", 0, null, "main", ct);
        await RecordAsync(store, "r1", 1, "fp_1", "main", ct);
        await RecordAsync(store, "r2", 2, "fp_1", "main", ct);
        await RecordAsync(store, "r3", 3, "fp_2", "main", ct);
        await RecordAsync(store, "r4", 4, "fp_2", "main", ct);
        await RecordAsync(store, "b1", 5, "fp_3", "feature", ct);

        // act
        var runs = await store.ListAsync(new HistoryFilter(), ct);
        var query = new TrendQuery(SyntheticRuns.Suite, SyntheticRuns.Metric, "main");
        var trend = Trend.Build(query, await store.SeriesAsync(query, ct));

        // assert
        var breaks = runs.Where(r => r.Suites.Any(s => s.IdentityBreak)).Select(r => r.RunId);
        Assert.Equal(["r3"], breaks);
        var segments = Assert.Single(trend.Series).Segments;
        Assert.Equal(2, segments.Count);
        Assert.Equal(["r3", "r4"], segments[1].Points.Select(p => p.RunId));
        Assert.Contains(SeriesPoint.IdentityBreakReason, segments[1].BreakReasons);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Model_change_expected_is_no_break(string backend)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await stores.OpenAsync(backend, ct);
        await RecordAsync(store, "r1", 1, "fp_1", "main", ct);
        await RecordAsync(store, "r2", 2, "fp_2", "main", ct, expected: true);

        var runs = await store.ListAsync(new HistoryFilter(), ct);

        Assert.DoesNotContain(runs, r => r.Suites.Any(s => s.IdentityBreak));
    }

    public void Dispose() => stores.Dispose();

    private static async Task RecordAsync(
        IHistoryStore store, string id, int day, string? fingerprint, string branch, CancellationToken ct, bool expected = false)
    {
        var run = SyntheticRuns.Create(id, items: 20, started: SyntheticRuns.Epoch.AddDays(day));
        var suite = run.Results.Suites[0] with
        {
            Identity = fingerprint is null ? null : new ServedIdentity("configured-model", ["sim-model"], [fingerprint], new ServerMetadata(null, null)),
            Gate = expected ? Core.Config.GateSettings.Default with { ModelChange = Core.Config.ModelChangePolicy.Expected } : null,
        };
        var results = run.Results with { Suites = [suite] };
        await store.RecordAsync(new HistoryRecord(new LoadedRun(run.Folder, results, run.Items), new RunIdentity(Branch: branch), SyntheticRuns.Epoch), ct);
    }
}
