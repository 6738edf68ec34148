using CiGate.Core.History;
using CiGate.Core.History.ChangePoints;
using CiGate.History.Tests.Support;

namespace CiGate.History.Tests;

/// <summary>
/// 200 recorded runs along main: a planted shift is found at its commit; pure noise gives none;
/// a change of model is a break, not a change point.
/// </summary>
public sealed class ChangePointTests(PostgresServer postgres) : IDisposable
{
    private const int Runs = 200;
    private const int ShiftAt = 120;
    private readonly StoreFactory stores = new(postgres);

    [Fact]
    public async Task A_shift_planted_at_a_commit_is_found_at_that_commit()
    {
        // arrange: accuracy 0.700 with run-to-run noise (sd 0.004, as a 12k-item suite shows),
        // dropping by 0.015 from commit 120 on
        var ct = TestContext.Current.CancellationToken;
        await using var store = await RecordAsync(i => 0.700 - (i >= ShiftAt ? 0.015 : 0), seed: 11, ct);

        // act
        var trend = await TrendAsync(store, ct);
        var found = ChangePointDetector.Detect(trend, new EDivisiveOptions());

        // assert
        var shift = Assert.Single(found);
        Assert.Equal(Commit(ShiftAt), shift.At.Identity.Commit);
        Assert.Equal(Commit(ShiftAt - 1), shift.Previous.Identity.Commit);
        Assert.InRange(shift.Shift, -0.02, -0.01);
        Assert.True(shift.PValue <= 0.01);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Pure_noise_has_no_change_point(int seed)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await RecordAsync(_ => 0.700, seed, ct);

        var found = ChangePointDetector.Detect(await TrendAsync(store, ct), new EDivisiveOptions());

        Assert.Empty(found);
    }

    [Fact]
    public async Task A_model_change_is_a_break_and_never_a_change_point()
    {
        // arrange: the model changes at run 100 and scores higher; the series must restart there
        var ct = TestContext.Current.CancellationToken;
        await using var store = await RecordAsync(i => i >= 100 ? 0.760 : 0.700, seed: 12, ct, modelChangeAt: 100);

        var trend = await TrendAsync(store, ct);
        var found = ChangePointDetector.Detect(trend, new EDivisiveOptions());

        var segments = Assert.Single(trend.Series).Segments;
        Assert.Equal(2, segments.Count);
        Assert.Equal(["model sim-model -> sim-model-v2"], segments[1].BreakReasons);
        Assert.Equal(Commit(100), segments[1].Points[0].Identity.Commit);
        Assert.Empty(found);
    }

    [Fact]
    public void Detection_is_deterministic_for_a_seed()
    {
        var values = Noise(Runs, 5).Select((v, i) => v + (i >= 80 ? 0.01 : 0)).ToArray();

        var first = EDivisive.Detect(values, new EDivisiveOptions());
        var second = EDivisive.Detect(values, new EDivisiveOptions());

        Assert.Equal(first, second);
        Assert.InRange(Assert.Single(first).Index, 78, 82);
    }

    private async Task<IHistoryStore> RecordAsync(Func<int, double> level, int seed, CancellationToken ct, int? modelChangeAt = null)
    {
        var store = await stores.OpenAsync("sqlite", ct);
        var noise = Noise(Runs, seed);
        for (var i = 0; i < Runs; i++)
        {
            var model = modelChangeAt is { } at && i >= at ? "sim-model-v2" : "sim-model";
            var run = SyntheticRuns.Create($"run-{i:D3}", items: 10, model: model, metricValue: level(i) + noise[i], started: SyntheticRuns.Epoch.AddHours(i));
            await store.RecordAsync(new HistoryRecord(run, new RunIdentity("o/r", Commit(i), "main"), SyntheticRuns.Epoch), ct);
        }

        return store;
    }

    private static async Task<Trend> TrendAsync(IHistoryStore store, CancellationToken ct)
    {
        var query = new TrendQuery(SyntheticRuns.Suite, SyntheticRuns.Metric, "main");
        return Trend.Build(query, await store.SeriesAsync(query, ct));
    }

    private static string Commit(int i) => $"{i:x4}{i * 7919:x8}aaaa";

    /// <summary>Gaussian noise, sd 0.004 (Box-Muller over a seeded Random).</summary>
    private static double[] Noise(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => 0.004 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))];
    }

    public void Dispose() => stores.Dispose();
}
