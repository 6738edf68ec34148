using CiGate.Simulator;

namespace CiGate.Core.Tests.Perf;

/// <summary>Open-loop scheduling, warm-up, and the ways a stream goes wrong.</summary>
[Collection(PerfHarness.Collection)]
public sealed class PerfBehaviourTests
{
    private const string Workload = "workload: { prompt_tokens: 16, output_tokens: 4, tokenizer: words }";

    [Fact]
    public async Task Open_loop_requests_start_on_schedule_while_earlier_ones_are_still_running()
    {
        // arrange: every request takes at least 600 ms; the schedule sends one every 50 ms.
        var run = await PerfHarness.RunAsync($"""
            {Workload}
            profile: constant
            rates: 20
            max_requests: 6
            """, o => o.TimeToFirstToken = TimeSpan.FromMilliseconds(600));

        // assert: a closed loop would have waited for the first response; the open loop did not.
        var first = run.Requests.Single(r => r.Index == 0);
        Assert.True(first.EndMs >= 595 - 5, $"request 0 ended at {first.EndMs} ms");
        Assert.All(run.Requests.Where(r => r.Index > 0), r => Assert.True(r.ScheduledMs + r.LagMs < first.EndMs, $"request {r.Index} was sent at {r.ScheduledMs + r.LagMs} ms, after request 0 ended at {first.EndMs} ms"));
        Assert.All(run.Requests, r => Assert.True(r.TtftFromScheduleMs >= r.TtftMs));
    }

    [Fact]
    public async Task Warmup_and_cooldown_are_left_out_of_the_statistics()
    {
        var run = await PerfHarness.RunAsync($"""
            {Workload}
            profile: synchronous
            max_requests: 10
            warmup: 20%
            cooldown: 10%
            """);

        var phases = run.Requests.OrderBy(r => r.Index).Select(r => r.Phase).ToList();
        Assert.Equal(["warmup", "warmup", "measure", "measure", "measure", "measure", "measure", "measure", "measure", "cooldown"], phases);
        var point = Assert.Single(run.Perf.LoadPoints);
        Assert.Equal(10, point.Requests);
        Assert.Equal(7, point.Measured);
        Assert.Equal(7 - (point.Flagged ?? 0), point.Ttft.N);
    }

    [Fact]
    public async Task An_error_event_mid_stream_fails_the_request_and_is_counted()
    {
        var run = await PerfHarness.RunAsync("""
            workload: { prompt_tokens: 16, output_tokens: 8, tokenizer: words }
            profile: synchronous
            max_requests: 6
            """, o => o.Performance.MidStreamErrorEvery = 2);

        var failed = run.Requests.Where(r => r.Error is not null).ToList();
        Assert.Equal(3, failed.Count);
        Assert.All(failed, r =>
        {
            Assert.Equal("stream_error", r.ErrorKind);
            Assert.Contains("simulated failure mid-stream", r.Error);
            Assert.Equal(200, r.Status);
            Assert.Equal(4, r.Chunks);
        });
        var point = Assert.Single(run.Perf.LoadPoints);
        Assert.Equal(3, point.Errors);
        Assert.Equal(3, point.Completed);
    }

    [Fact]
    public async Task A_server_that_sends_no_usage_is_counted_from_the_stream_and_flagged()
    {
        var run = await PerfHarness.RunAsync($"""
            {Workload}
            profile: synchronous
            max_requests: 3
            """, o => o.Performance.SendUsage = false);

        Assert.All(run.Requests, r =>
        {
            Assert.Null(r.Error);
            Assert.False(r.UsageReported);
            Assert.Equal(4, r.OutputTokens);
            Assert.Equal(16, r.PromptTokens);
        });
        Assert.Equal(3, run.Perf.LoadPoints[0].UsageMissing);
    }

    [Fact]
    public async Task Continuous_usage_stats_give_tokens_per_chunk()
    {
        var run = await PerfHarness.RunAsync("""
            workload: { prompt_tokens: 16, output_tokens: 5, tokenizer: words, continuous_usage: true }
            profile: synchronous
            max_requests: 2
            """);

        Assert.All(run.Requests, r =>
        {
            Assert.True(r.UsageReported);
            Assert.Equal(5, r.OutputTokens);
            Assert.Empty(r.TokensPerChunk); // one token per chunk: stored compactly
        });
    }

    [Fact]
    public async Task A_stalled_stream_hits_the_request_timeout()
    {
        var run = await PerfHarness.RunAsync($"""
            {Workload}
            profile: synchronous
            max_requests: 2
            timeout: 500ms
            """, o =>
        {
            o.Faults = new FaultOptions { Rate = 1, Kinds = [FaultKind.StalledStream], StallFor = TimeSpan.FromSeconds(30) };
        });

        Assert.All(run.Requests, r =>
        {
            Assert.Equal("timeout", r.ErrorKind);
            Assert.Contains("stalled", r.Error);
        });
        var point = Assert.Single(run.Perf.LoadPoints);
        Assert.Equal(2, point.Errors);
        Assert.False(point.Valid);
        Assert.Equal(1, run.Suite.Counts.Errored);
    }

    [Fact]
    public async Task Ignore_eos_makes_the_simulator_generate_exactly_the_requested_length()
    {
        var run = await PerfHarness.RunAsync("""
            workload: { prompt_tokens: 16, output_tokens: 40, tokenizer: words }
            profile: synchronous
            max_requests: 3
            """);

        Assert.All(run.Requests, r => Assert.Equal(40, r.OutputTokens));
        Assert.Equal(0, run.Perf.LoadPoints[0].LengthMismatches);
    }
}
