using CiGate.Core.Suites.Perf;

namespace CiGate.Core.Tests.Perf;

public sealed class PerfStatisticsTests
{
    [Fact]
    public void Percentiles_interpolate_linearly_like_numpy()
    {
        var d = Distribution.Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal(5.5, d.P50);
        Assert.Equal(9.1, d.P90);
        Assert.Equal(9.55, d.P95);
        Assert.Equal(9.91, d.P99);
        Assert.Equal(10, d.Max);
        Assert.Equal(5.5, d.Mean);
    }

    [Fact]
    public void Warmup_and_cooldown_by_duration_use_the_schedule()
    {
        var scheduled = new double[] { 0, 100, 200, 300, 400, 500, 600 };
        var phases = RequestRecords.Phases(scheduled, new PhaseTrim(0, TimeSpan.FromMilliseconds(150)), new PhaseTrim(0, TimeSpan.FromMilliseconds(150)));
        Assert.Equal(["warmup", "warmup", "measure", "measure", "measure", "cooldown", "cooldown"], phases);
    }

    [Fact]
    public void The_three_itls_differ_when_chunks_are_uneven_and_slos_check_goodput()
    {
        // Two requests: one with gaps 10,10 (3 tokens), one with gaps 1,1,1,1,1,1 (7 tokens).
        var requests = new[]
        {
            Request(0, ttft: 50, e2e: 70, gaps: [10, 10], tokens: 3),
            Request(1, ttft: 200, e2e: 206, gaps: [1, 1, 1, 1, 1, 1], tokens: 7),
        };
        var slos = new[] { new SloLimit("ttft", 95, 100) };

        var s = PerfStatistics.Summarize(new LoadPointInfo("x", "synchronous", 0, null, 1), requests, slos, 5, checkLength: true);

        Assert.Equal(8, s.ItlPooled.N);
        Assert.Equal(3.25, s.ItlPooled.Mean);         // pooled gaps: (20 + 6) / 8
        Assert.Equal(5.5, s.ItlPerRequest.Mean);      // per-request means: (10 + 1) / 2
        Assert.Equal(5.5, s.Tpot.Mean);               // (70-50)/2 = 10 and (206-200)/6 = 1
        Assert.False(s.Slos.Single().Met);            // p95 of {50, 200} is 192.5
        Assert.Equal(1, Math.Round(s.GoodputPerSecond!.Value * s.DurationSeconds));
    }

    private static PerfRequest Request(int index, double ttft, double e2e, double[] gaps, int tokens) => new()
    {
        Suite = "s",
        Target = "t",
        LoadPoint = "x",
        Phase = "measure",
        Index = index,
        ScheduledMs = index * 300,
        EndMs = (index * 300) + e2e,
        TtftMs = ttft,
        TtftFromScheduleMs = ttft,
        E2eMs = e2e,
        E2eFromScheduleMs = e2e,
        TpotMs = (e2e - ttft) / (tokens - 1),
        ItlMeanMs = gaps.Average(),
        GapsMs = gaps,
        OutputTokens = tokens,
        RequestedOutputTokens = tokens,
        UsageReported = true,
        Chunks = tokens,
        PromptTokens = 10,
    };
}
