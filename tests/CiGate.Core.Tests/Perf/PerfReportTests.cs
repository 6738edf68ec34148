using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;
using CiGate.Core.Suites.Perf.Telemetry;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Tests.Reporting;

namespace CiGate.Core.Tests.Perf;

/// <summary>The perf section of the reports, against reviewed golden files (CIGATE_UPDATE_GOLDEN=1 rewrites them).</summary>
public sealed class PerfReportTests
{
    [Theory]
    [InlineData("comment.md")]
    [InlineData("html")]
    public void A_perf_regression_renders_its_table_slos_and_curve(string report)
    {
        var reports = ReportRenderer.Render(Fixture(), new ReportOptions());

        GoldenFile.Verify($"perf.{report}", report == "html" ? reports.Html : reports.PrComment);
    }

    [Fact]
    public void The_html_perf_curve_has_a_legend_ticks_axis_labels_and_a_hover_title_per_point()
    {
        var html = ReportRenderer.Render(Fixture(), new ReportOptions()).Html;

        var chart = SvgChartContent.Find(html, "class=\"perf-curve\"");
        Assert.Equal("img", (string?)chart.Root.Attribute("role"));
        Assert.Equal("TTFT p95 against requests per second, base and head", (string?)chart.Root.Attribute("aria-label"));
        // ScottPlot's round ticks from zero on both axes, the axis labels and the legend (base before head).
        Assert.Empty(new[] { "requests/s", "TTFT p95 (ms)", "base", "head", "0", "2", "4", "100", "200" }.Except(chart.Texts));
        Assert.True(chart.Texts.ToList().IndexOf("base") < chart.Texts.ToList().IndexOf("head"));
        // A line per side in the sides' colours, and a hover title on each of the curve's points.
        Assert.NotEmpty(chart.Paths(PerfViewBuilder.BaseColor, "2"));
        Assert.NotEmpty(chart.Paths(PerfViewBuilder.HeadColor, "2"));
        Assert.Equal(4, chart.HoverDots.Count);
        Assert.Contains(chart.Titles, t => t.StartsWith("head, load point constant-8: ", StringComparison.Ordinal)
            && t.Contains("TTFT p95", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gate_fails_on_the_regression_and_the_broken_slo_and_names_the_noise_estimate()
    {
        var verdict = Assert.Single(Fixture().Suites);

        Assert.Equal(Verdict.Fail, verdict.Verdict);
        Assert.Contains(verdict.Reasons, r => r.StartsWith("SLO broken at constant-8: ttft p95 <= 250 ms", StringComparison.Ordinal));
        Assert.Contains(verdict.Reasons, r => r.StartsWith("slower: ttft p95 at constant-8", StringComparison.Ordinal));
        Assert.DoesNotContain(verdict.Reasons, r => r.Contains("at constant-2", StringComparison.Ordinal));
    }

    // What the sampler keeps per load point; the head's constant-2 had no samples (shown as dashes).
    private static Dictionary<string, SeriesStats> Samples(double gpu, double memory, double running, double waiting, double kv) => new()
    {
        ["gpu_utilization_pct"] = new(gpu, gpu + 5, 30),
        ["gpu_memory_used_mib"] = new(memory - 100, memory, 30),
        ["vllm:num_requests_running"] = new(running / 2, running, 30),
        ["vllm:num_requests_waiting"] = new(waiting / 2, waiting, 30),
        ["vllm:kv_cache_usage_perc"] = new(kv / 2, kv, 30),
    };

    private static GateResult Fixture()
    {
        PerfChange Change(string point, string metric, double p, double b, double h, double lo, double hi, bool regressed, bool warned = false, double? noise = 6.5) =>
            new(point, metric, p, b, h, Math.Round(((h / b) - 1) * 100, 2), lo, hi, Math.Max(10, noise ?? 0), noise, regressed, warned, 400, 400);
        var perf = new PerfComparison(
            [
                Change("constant-2", "ttft", 50, 41.2, 41.9, -1.2, 3.1, false),
                Change("constant-2", "itl", 95, 12.5, 12.6, -0.8, 2.2, false),
                Change("constant-8", "ttft", 50, 48.1, 55.0, 9.8, 18.0, false, warned: true),
                Change("constant-8", "ttft", 95, 210.4, 262.3, 16.1, 31.0, true),
            ],
            [
                new PerfSloResult("constant-8", new SloCheck("ttft p95 <= 250 ms at constant-8", 262.3, 250, false)),
                new PerfSloResult("constant-8", new SloCheck("itl p99 <= 50 ms at constant-8", 31.5, 50, true)),
            ],
            [
                new PerfCurvePoint("base", "constant-2", 1.99, 41.2, 60.1, 9.8, 12.5, 255, Samples(41, 70_112, 4, 0, 0.12)),
                new PerfCurvePoint("base", "constant-8", 7.96, 48.1, 210.4, 11.0, 18.2, 1019, Samples(88.4, 70_240, 16, 3, 0.47)),
                new PerfCurvePoint("head", "constant-2", 1.98, 41.9, 61.0, 9.9, 12.6, 253, FlaggedShare: 0),
                new PerfCurvePoint("head", "constant-8", 7.91, 55.0, 262.3, 12.1, 21.7, 1012, Samples(93.1, 71_002, 16, 9, 0.81), 0.031),
            ],
            "A/A calibration: the spread between the base run's two repeats widens each margin",
            10,
            5,
            null,
            null,
            null,
            [],
            0.001,
            "1× NVIDIA H100 80GB HBM3 (driver 550.54.15, 81559 MiB), vllm 0.6.3, started by cigate, runner gpu-1, 16 CPUs");
        var counts = new SideCounts(2, 800, 799, 1, 0, 0);
        var suite = new SuiteComparison("serving", "vllm", PerfSuite.KindName, Pairing.Paired, [], "llama-3.1-8b", "llama-3.1-8b", counts, counts, 2, 0, 0, 0, [], null, [], []) { Details = perf };
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var comparison = new Comparison(new RunReference("base", "b1", "0.1.0", "complete", at), new RunReference("head", "h1", "0.1.0", "complete", at), [suite], 0.95, "holm");
        return Gate.Evaluate(comparison, new Dictionary<string, GateSettings>());
    }
}
