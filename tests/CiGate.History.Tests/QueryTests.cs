using CiGate.Core.Comparing;
using CiGate.Core.Diagnostics;
using CiGate.Core.History;
using CiGate.History.Tests.Support;

namespace CiGate.History.Tests;

/// <summary>list, trend series, find (run id, tag, commit) and compare, on both backends.</summary>
public sealed class QueryTests(PostgresServer postgres) : IDisposable
{
    private readonly StoreFactory stores = new(postgres);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task List_filters_by_suite_branch_tag_and_date_newest_first(string backend)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await SeedAsync(backend, ct);

        var all = await store.ListAsync(new HistoryFilter(), ct);
        var main = await store.ListAsync(new HistoryFilter(Branch: "main"), ct);
        var tagged = await store.ListAsync(new HistoryFilter(Tag: "v1.1"), ct);
        var gsm = await store.ListAsync(new HistoryFilter(Suite: "gsm8k"), ct);
        var recent = await store.ListAsync(new HistoryFilter(Since: SyntheticRuns.Epoch.AddDays(3)), ct);
        var last = await store.ListAsync(new HistoryFilter(Last: 2), ct);

        Assert.Equal(["r6", "r5", "r4", "r3", "r2", "r1"], all.Select(r => r.RunId));
        Assert.Equal(["r5", "r4", "r2", "r1"], main.Select(r => r.RunId));
        Assert.Equal(["r3"], tagged.Select(r => r.RunId));
        Assert.Equal(["r6"], gsm.Select(r => r.RunId));
        Assert.Equal(["r6", "r5", "r4"], recent.Select(r => r.RunId));
        Assert.Equal(["r6", "r5"], last.Select(r => r.RunId));
        Assert.Equal(7, all.Single(r => r.RunId == "r6").Identity.PullRequest);
        Assert.Equal(0.7, all.Single(r => r.RunId == "r1").Suites[0].Metrics[SyntheticRuns.Metric].Value, 10);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Series_is_oldest_first_per_branch_and_last_keeps_the_newest(string backend)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await SeedAsync(backend, ct);

        var main = await store.SeriesAsync(new TrendQuery(SyntheticRuns.Suite, SyntheticRuns.Metric, "main"), ct);
        var lastTwo = await store.SeriesAsync(new TrendQuery(SyntheticRuns.Suite, SyntheticRuns.Metric, Last: 2), ct);
        var none = await store.SeriesAsync(new TrendQuery(SyntheticRuns.Suite, "no-such-metric"), ct);

        Assert.Equal(["r1", "r2", "r4", "r5"], main.Select(p => p.RunId));
        Assert.Equal([0.70, 0.71, 0.69, 0.72], main.Select(p => Math.Round(p.Value, 4)));
        Assert.Equal(["r4", "r5"], lastTwo.Select(p => p.RunId));
        Assert.Equal("other-model", main[^1].Measurement.Model);
        Assert.Empty(none);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task References_resolve_by_run_id_tag_and_commit_prefix(string backend)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await SeedAsync(backend, ct);

        Assert.Equal("r2", (await HistoryReferences.ResolveAsync(store, "r2", ct)).RunId);
        Assert.Equal("r3", (await HistoryReferences.ResolveAsync(store, "v1.1", ct)).RunId);
        Assert.Equal("r4", (await HistoryReferences.ResolveAsync(store, "c4c4", ct)).RunId);
        Assert.Equal("r4", (await HistoryReferences.ResolveAsync(store, "C4C4C4C4", ct)).RunId);
        var missing = await Assert.ThrowsAsync<CiGateException>(() => HistoryReferences.ResolveAsync(store, "v9.9", ct));
        Assert.Equal(DiagnosticCodes.HistoryReferenceNotFound, missing.Diagnostics[0].Code);

        // "abcd" is a prefix of two commits (r5 and r6).
        var ambiguous = await Assert.ThrowsAsync<CiGateException>(() => HistoryReferences.ResolveAsync(store, "abcd", ct));
        Assert.Equal(DiagnosticCodes.HistoryReferenceAmbiguous, ambiguous.Diagnostics[0].Code);
    }

    [Fact]
    public async Task A_run_id_prefix_as_history_list_prints_it_resolves()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await stores.OpenAsync("sqlite", ct);
        await store.RecordAsync(new HistoryRecord(SyntheticRuns.Create("8ed895045341448a83e0272d2396f3ab"), new RunIdentity(), SyntheticRuns.Epoch), ct);

        Assert.Equal("8ed895045341448a83e0272d2396f3ab", (await HistoryReferences.ResolveAsync(store, "8ed89504", ct)).RunId);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Comparing_two_recorded_runs_equals_comparing_their_folders(string backend)
    {
        // arrange: two runs of 300 items at different accuracies
        var ct = TestContext.Current.CancellationToken;
        var before = SyntheticRuns.Create("base", items: 300, accuracy: 0.75, seed: 3);
        var after = SyntheticRuns.Create("head", items: 300, accuracy: 0.70, seed: 4, started: SyntheticRuns.Epoch.AddDays(1));
        await using var store = await stores.OpenAsync(backend, ct);
        await store.RecordAsync(new HistoryRecord(before, new RunIdentity(Tag: "v1.3"), SyntheticRuns.Epoch), ct);
        await store.RecordAsync(new HistoryRecord(after, new RunIdentity(Tag: "v1.4"), SyntheticRuns.Epoch), ct);

        // act
        var direct = Comparer.Compare(before, after, new CompareOptions());
        var fromStore = Comparer.Compare((await store.LoadAsync("base", ct))!, (await store.LoadAsync("head", ct))!, new CompareOptions());

        // assert: the same statistics and the same flipped items (outputs aside: not stored by default)
        var (d, s) = (Assert.Single(direct.Suites), Assert.Single(fromStore.Suites));
        Assert.Equal(d.Metrics, s.Metrics);
        Assert.Equal(d.Groups, s.Groups);
        Assert.Equal((d.PairedItems, d.BaseOnlyItems, d.HeadOnlyItems, d.PromptMismatches), (s.PairedItems, s.BaseOnlyItems, s.HeadOnlyItems, s.PromptMismatches));
        Assert.Equal(d.Flips.Select(f => f with { BaseOutput = null, HeadOutput = null }), s.Flips);
        Assert.True(d.Flips.Count > 10);
    }

    /// <summary>
    /// r1..r6, a day apart: main (r1, r2, r4, r5; r5 on another model), a tag v1.1 (r3), a pull
    /// request on a feature branch running another suite (r6).
    /// </summary>
    private async Task<IHistoryStore> SeedAsync(string backend, CancellationToken ct)
    {
        var store = await stores.OpenAsync(backend, ct);
        var runs = new (string Id, double Value, RunIdentity Identity, string Model, string Suite)[]
        {
            ("r1", 0.70, new RunIdentity("o/r", "c1c1c1c1c1", "main"), "sim-model", SyntheticRuns.Suite),
            ("r2", 0.71, new RunIdentity("o/r", "c2c2c2c2c2", "main"), "sim-model", SyntheticRuns.Suite),
            ("r3", 0.72, new RunIdentity("o/r", "c3c3c3c3c3", Tag: "v1.1"), "sim-model", SyntheticRuns.Suite),
            ("r4", 0.69, new RunIdentity("o/r", "c4c4c4c4c4", "main"), "sim-model", SyntheticRuns.Suite),
            ("r5", 0.72, new RunIdentity("o/r", "abcd111111", "main"), "other-model", SyntheticRuns.Suite),
            ("r6", 0.50, new RunIdentity("o/r", "abcd222222", "feature", PullRequest: 7), "sim-model", "gsm8k"),
        };
        for (var i = 0; i < runs.Length; i++)
        {
            var (id, value, identity, model, suite) = runs[i];
            var run = SyntheticRuns.Create(id, items: 20, model: model, metricValue: value, started: SyntheticRuns.Epoch.AddDays(i), suiteName: suite);
            await store.RecordAsync(new HistoryRecord(run, identity, SyntheticRuns.Epoch.AddDays(i)), ct);
        }

        return store;
    }

    public void Dispose() => stores.Dispose();
}
