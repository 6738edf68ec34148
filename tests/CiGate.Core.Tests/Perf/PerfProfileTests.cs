using CiGate.Core.Suites.Perf;

namespace CiGate.Core.Tests.Perf;

/// <summary>Every profile against the simulator: structure and generous bounds only, never tight timings.</summary>
[Collection(PerfHarness.Collection)]
public sealed class PerfProfileTests
{
    private const string Workload = "workload: { prompt_tokens: 32, output_tokens: 8, tokenizer: words }";

    [Fact]
    public async Task Synchronous_sends_one_request_at_a_time_and_measures_every_token()
    {
        // act
        var run = await PerfHarness.RunAsync($"""
            {Workload}
            profile: synchronous
            max_requests: 6
            """, o => { o.TimeToFirstToken = TimeSpan.FromMilliseconds(20); o.InterTokenLatency = TimeSpan.FromMilliseconds(2); });

        // assert
        var point = Assert.Single(run.Perf.LoadPoints);
        Assert.Equal("synchronous", point.Label);
        Assert.Equal(6, point.Completed);
        Assert.Equal(6, run.Requests.Count);
        Assert.All(run.Requests, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal(8, r.OutputTokens);
            Assert.Equal(8, r.Chunks);
            Assert.Equal(7, r.GapsMs.Count);
            Assert.True(r.UsageReported);
            // Less 5 ms: .NET timers on Linux tick on the coarse monotonic clock (4 ms) and may fire early.
            Assert.True(r.TtftMs >= 15, $"TTFT {r.TtftMs} ms is below the simulator's 20 ms");
            Assert.True(r.E2eMs >= r.TtftMs);
        });

        // One stream: each request starts after the previous one ended.
        var ordered = run.Requests.OrderBy(r => r.Index).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].ScheduledMs >= ordered[i - 1].EndMs - 0.001);
        }

        Assert.Equal(0, point.Errors);
        Assert.True(point.Valid);
        Assert.True(point.OutputTokensPerSecond > 0);
        var timed = 6 - (point.Flagged ?? 0); // requests whose first token was timed (PerfHarness)
        Assert.Equal(7 * timed, point.ItlPooled.N);
        Assert.Equal(timed, point.ItlPerRequest.N);
        Assert.Equal(timed, point.Tpot.N);
    }

    [Fact]
    public async Task Concurrent_runs_each_level_as_its_own_load_point()
    {
        var run = await PerfHarness.RunAsync($"""
            {Workload}
            profile: concurrent
            concurrency: [1, 4]
            max_requests: 8
            """);

        Assert.Equal(["concurrent-1", "concurrent-4"], run.Perf.LoadPoints.Select(p => p.Label));
        Assert.Equal([1, 4], run.Perf.LoadPoints.Select(p => p.Concurrency ?? 0));
        Assert.All(run.Perf.LoadPoints, p => Assert.Equal(8, p.Completed));
        Assert.Equal(16, run.Requests.Count);
        Assert.Equal(2, run.Suite.Counts.Completed);
    }

    [Fact]
    public async Task Throughput_uses_the_largest_concurrency()
    {
        var run = await PerfHarness.RunAsync($"""
            {Workload}
            profile: throughput
            concurrency: 16
            max_requests: 32
            """);

        var point = Assert.Single(run.Perf.LoadPoints);
        Assert.Equal("throughput", point.Label);
        Assert.Equal(16, point.Concurrency);
        Assert.Equal(32, point.Completed);
    }

    [Theory]
    [InlineData("constant")]
    [InlineData("poisson")]
    public async Task Rate_profiles_schedule_requests_open_loop(string profile)
    {
        var run = await PerfHarness.RunAsync($"""
            {Workload}
            profile: {profile}
            rates: [50, 100]
            max_requests: 10
            """);

        Assert.Equal([$"{profile}-50", $"{profile}-100"], run.Perf.LoadPoints.Select(p => p.Label));
        Assert.Equal([50.0, 100.0], run.Perf.LoadPoints.Select(p => p.TargetRate ?? 0));
        var fifty = run.Requests.Where(r => r.LoadPoint == $"{profile}-50").OrderBy(r => r.Index).ToList();
        Assert.Equal(10, fifty.Count);
        if (profile == "constant")
        {
            // Exactly 20 ms apart on the schedule (the send may lag; the schedule does not move).
            Assert.All(fifty, r => Assert.Equal(r.Index * 20.0, r.ScheduledMs, 0.01));
        }
        else
        {
            Assert.True(fifty.Zip(fifty.Skip(1)).All(p => p.Second.ScheduledMs >= p.First.ScheduledMs));
            Assert.True(fifty.Select(r => r.ScheduledMs).Distinct().Count() > 5, "poisson arrivals should not all coincide");
        }

        Assert.All(run.Requests, r => Assert.True(r.LagMs >= 0));
    }

    [Fact]
    public async Task Sweep_runs_synchronous_then_throughput_then_rates_between_them()
    {
        var run = await PerfHarness.RunAsync($"""
            {Workload}
            profile: sweep
            rates: 3
            concurrency: 8
            max_requests: 12
            """, o => o.InterTokenLatency = TimeSpan.FromMilliseconds(1));

        Assert.Equal(["synchronous", "throughput", "sweep-1", "sweep-2", "sweep-3"], run.Perf.LoadPoints.Select(p => p.Label));
        var sync = run.Perf.LoadPoints[0].RequestsPerSecond;
        var max = run.Perf.LoadPoints[1].RequestsPerSecond;
        var rates = run.Perf.LoadPoints.Skip(2).Select(p => p.TargetRate!.Value).ToList();
        Assert.True(rates.SequenceEqual(rates.Order()), "sweep rates rise");
        Assert.All(rates, r => Assert.InRange(r, Math.Min(sync, max) - 0.01, Math.Max(sync, max) + 0.01));
    }

    [Fact]
    public async Task Slo_search_reports_the_capacity_at_which_the_slo_still_holds()
    {
        // 4 decodes at once: past 4 streams, requests queue for a slot and TTFT jumps by a whole request.
        var run = await PerfHarness.RunAsync($$"""
            {{Workload}}
            profile: slo-search
            slo_search: { by: concurrency, start: 1, max: 16, steps: 2 }
            slo: { ttft_p95_ms: 150 }
            max_requests: 10
            """, o =>
        {
            o.TimeToFirstToken = TimeSpan.FromMilliseconds(20);
            o.InterTokenLatency = TimeSpan.FromMilliseconds(40);
            o.Performance.MaxConcurrentDecodes = 4;
        });

        Assert.Equal("concurrent streams", run.Perf.CapacityUnit);
        Assert.InRange(run.Perf.CapacityAtSlo!.Value, 1, 7);
        Assert.Contains(run.Perf.LoadPoints, p => !p.SlosMet);
        Assert.Contains("capacity_at_slo", run.Suite.Metrics.Keys);
    }
}
