using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Perf;

/// <summary>The perf gate end to end: two runs against the simulator, compared from their folders.</summary>
[Collection(PerfHarness.Collection)]
public sealed class PerfGateTests
{
    private const string Suite = """
        workload: { prompt_tokens: 16, output_tokens: 8, tokenizer: words }
        profile: concurrent
        concurrency: 8
        warmup: 15%
        regression: { margin: 10%, warn: 5% }
        """;

    [Fact]
    public async Task A_server_made_20_percent_slower_fails_the_gate()
    {
        using var temp = new TempFolder();
        var basePath = Path.Combine(temp.Path, "base");
        var headPath = Path.Combine(temp.Path, "head");
        await RunAsync(basePath, 1.0);
        await RunAsync(headPath, 1.2);

        var gate = Evaluate(basePath, headPath);

        var verdict = Assert.Single(gate.Suites);
        Assert.Equal(Verdict.Fail, verdict.Verdict);
        Assert.Contains(verdict.Reasons, r => r.StartsWith("slower: ttft p50 at concurrent-8", StringComparison.Ordinal));
        var ttft = ((PerfComparison)verdict.Suite.Details!).Changes.Single(c => c.Metric == "ttft" && c.Percentile == 50);
        Assert.InRange(ttft.ChangePercent, 10, 40);
        Assert.True(ttft.CiLowPercent > 0);
    }

    [Fact]
    public async Task An_a_a_pair_passes_and_two_base_repeats_calibrate_the_margin()
    {
        using var temp = new TempFolder();
        var basePath = Path.Combine(temp.Path, "base");
        var headPath = Path.Combine(temp.Path, "head");
        // Latencies long against the scheduling noise of a loaded 2-core machine (a stall of a few
        // ms is a few percent), and more requests: the same 10% margin, a steadier A/A verdict.
        await RunAsync(basePath, 1.0, repeats: 2, ttftMs: 300, itlMs: 30, requests: 80);
        await RunAsync(headPath, 1.0, ttftMs: 300, itlMs: 30, requests: 80);

        var gate = Evaluate(basePath, headPath);

        var verdict = Assert.Single(gate.Suites);
        // Real timings on a shared machine: when this fails, say which statistic moved and by how much.
        Assert.True(verdict.Verdict is not (Verdict.Fail or Verdict.Inconclusive), $"{verdict.Verdict}: {string.Join("; ", verdict.Reasons)}");
        var perf = ((PerfComparison)verdict.Suite.Details!);
        Assert.StartsWith("A/A calibration", perf.NoiseEstimate, StringComparison.Ordinal);
        Assert.All(perf.Changes, c =>
        {
            Assert.NotNull(c.NoisePercent);
            Assert.True(c.MarginPercent >= 10);
        });
    }

    [Fact]
    public async Task An_slo_tied_to_a_load_point_fails_the_gate_when_broken()
    {
        using var temp = new TempFolder();
        var basePath = Path.Combine(temp.Path, "base");
        var headPath = Path.Combine(temp.Path, "head");
        const string extra = "slo: [ { at: concurrent-8, ttft_p95_ms: 5 } ]";
        await RunAsync(basePath, 1.0, extra: extra);
        await RunAsync(headPath, 1.0, extra: extra);

        var verdict = Assert.Single(Evaluate(basePath, headPath).Suites);

        Assert.Equal(Verdict.Fail, verdict.Verdict);
        Assert.Contains(verdict.Reasons, r => r.StartsWith("SLO broken at concurrent-8: ttft p95 <= 5 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_comparison_of_runs_timed_by_different_clocks_says_so()
    {
        Assert.SkipUnless(CiGate.Core.Suites.Perf.Transport.KernelReceiveClock.IsSupported, "the kernel clock is read on 64-bit Linux only");
        using var temp = new TempFolder();
        var basePath = Path.Combine(temp.Path, "base");
        var headPath = Path.Combine(temp.Path, "head");
        await RunAsync(basePath, 1.0, extra: "receive_clock: process", requests: 16);
        await RunAsync(headPath, 1.0, requests: 16);

        var comparison = Comparer.Compare(LoadedRun.Load(basePath), LoadedRun.Load(headPath), new CompareOptions());

        Assert.Contains("chunk times: process clock → kernel clock (under load the process clock adds the client's read lag)", Assert.Single(comparison.Suites).Changes);
    }

    private static GateResult Evaluate(string basePath, string headPath)
    {
        var comparison = Comparer.Compare(LoadedRun.Load(basePath), LoadedRun.Load(headPath), new CompareOptions());
        return Gate.Evaluate(comparison, new Dictionary<string, GateSettings>());
    }

    private static Task RunAsync(string folder, double slowdown, int repeats = 1, string extra = "", double ttftMs = 100, double itlMs = 10, int requests = 48) =>
        PerfHarness.RunAsync($"{Suite}\nmax_requests: {requests}\nrepeats: {repeats}\n{extra}", o =>
        {
            o.TimeToFirstToken = TimeSpan.FromMilliseconds(ttftMs);
            o.InterTokenLatency = TimeSpan.FromMilliseconds(itlMs);
            o.Performance.Slowdown = slowdown;
        }, folder);
}
