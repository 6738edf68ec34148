using CiGate.Core.History;
using CiGate.History.Tests.Support;

namespace CiGate.History.Tests;

public sealed class RecordTests(PostgresServer postgres) : IDisposable
{
    private readonly StoreFactory stores = new(postgres);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_recorded_run_loads_back_item_for_item(string backend)
    {
        // arrange
        var ct = TestContext.Current.CancellationToken;
        var run = SyntheticRuns.Create("run-1", items: 40);
        await using var store = await stores.OpenAsync(backend, ct);

        // act
        var outcome = await store.RecordAsync(new HistoryRecord(run, new RunIdentity("o/r", "ABCDEF1234", "main"), SyntheticRuns.Epoch), ct);
        var loaded = await store.LoadAsync("run-1", ct);

        // assert
        Assert.Equal(RecordOutcome.Recorded, outcome);
        Assert.NotNull(loaded);
        Assert.Equal(run.Results.Suites[0].Metrics, loaded.Results.Suites[0].Metrics);
        Assert.Equal(run.Results.Suites[0].DefinitionHash, loaded.Results.Suites[0].DefinitionHash);
        Assert.Equal(run.Items.Count, loaded.Items.Count);
        foreach (var (expected, actual) in run.Items.OrderBy(i => i.Item, StringComparer.Ordinal).Zip(loaded.Items))
        {
            // Outputs are not kept by default (OutputCharacters = 0); everything compare reads is.
            Assert.Equal(expected with { Output = null, Scores = actual.Scores, Extracted = actual.Extracted }, actual);
            Assert.Equal(expected.Scores.OrderBy(s => s.Key), actual.Scores.OrderBy(s => s.Key));
            Assert.Equal(expected.Extracted.OrderBy(s => s.Key), actual.Extracted.OrderBy(s => s.Key));
        }

        var listed = Assert.Single(await store.ListAsync(new HistoryFilter(), ct));
        Assert.Equal("abcdef1234", listed.Identity.Commit);
        Assert.Equal(new MeasurementIdentity("sim-model", "data-1", "prompt-1", "def-1"), Assert.Single(listed.Suites).Measurement);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Recording_the_same_run_twice_is_a_no_op(string backend)
    {
        var ct = TestContext.Current.CancellationToken;
        var run = SyntheticRuns.Create("run-1");
        await using var store = await stores.OpenAsync(backend, ct);
        await store.RecordAsync(new HistoryRecord(run, new RunIdentity(Branch: "main"), SyntheticRuns.Epoch), ct);

        // act: the same run id again, even with another identity
        var again = await store.RecordAsync(new HistoryRecord(run, new RunIdentity(Branch: "other"), SyntheticRuns.Epoch.AddDays(1)), ct);

        // assert
        Assert.Equal(RecordOutcome.AlreadyRecorded, again);
        var listed = Assert.Single(await store.ListAsync(new HistoryFilter(), ct));
        Assert.Equal("main", listed.Identity.Branch);
        Assert.Equal(run.Items.Count, (await store.LoadAsync("run-1", ct))!.Items.Count);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Two_concurrent_recorders_store_every_run_once(string backend)
    {
        // arrange: two connections (two processes in CI), each with its own runs plus a shared one
        var ct = TestContext.Current.CancellationToken;
        await using var first = await stores.OpenAsync(backend, ct);
        await using var second = await stores.OpenAsync(backend, ct);
        var shared = SyntheticRuns.Create("shared", items: 200);

        async Task<List<RecordOutcome>> Record(IHistoryStore store, int offset)
        {
            var outcomes = new List<RecordOutcome>();
            for (var i = 0; i < 4; i++)
            {
                var run = SyntheticRuns.Create($"run-{offset + i}", items: 200, seed: offset + i, started: SyntheticRuns.Epoch.AddHours(offset + i));
                outcomes.Add(await store.RecordAsync(new HistoryRecord(run, new RunIdentity(Branch: "main"), SyntheticRuns.Epoch), ct));
                if (i == 1)
                {
                    outcomes.Add(await store.RecordAsync(new HistoryRecord(shared, new RunIdentity(Branch: "main"), SyntheticRuns.Epoch), ct));
                }
            }

            return outcomes;
        }

        // act
        var results = await Task.WhenAll(Task.Run(() => Record(first, 0), ct), Task.Run(() => Record(second, 100), ct));

        // assert
        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(9, all.Count(o => o == RecordOutcome.Recorded));
        Assert.Equal(1, all.Count(o => o == RecordOutcome.AlreadyRecorded));
        var runs = await first.ListAsync(new HistoryFilter(), ct);
        Assert.Equal(9, runs.Count);
        Assert.Equal(9, runs.Select(r => r.RunId).Distinct().Count());
        foreach (var run in runs)
        {
            var loaded = (await second.LoadAsync(run.RunId, ct))!;
            Assert.Equal(200, loaded.Items.Count);
            Assert.All(loaded.Items, i => Assert.NotNull(i.Question));
        }
    }

    [Fact]
    public async Task Output_tails_are_kept_when_asked()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = SyntheticRuns.Create("run-1", items: 5);
        await using var store = await stores.OpenAsync("sqlite", ct);
        await store.RecordAsync(new HistoryRecord(run, new RunIdentity(), SyntheticRuns.Epoch, OutputCharacters: 12), ct);

        var item = (await store.LoadAsync("run-1", ct))!.Items[0];

        Assert.Equal("…" + run.Items[0].Output![^12..], item.Output);
    }

    [Fact]
    public async Task A_run_still_running_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await stores.OpenAsync("sqlite", ct);

        var error = await Assert.ThrowsAsync<CiGate.Core.Diagnostics.CiGateException>(() => store.RecordAsync(new HistoryRecord(SyntheticRuns.Create("r", status: "running"), new RunIdentity(), SyntheticRuns.Epoch), ct));

        Assert.Equal("CIGATE0707", error.Diagnostics[0].Code);
        Assert.Empty(await store.ListAsync(new HistoryFilter(), ct));
    }

    public void Dispose() => stores.Dispose();
}
