using CiGate.Core.History;
using CiGate.Core.History.Rendering;
using CiGate.Core.Tests.Reporting;

namespace CiGate.History.Tests;

/// <summary>Breaks in what was measured show in every trend format and are never bridged by a line.</summary>
public sealed class TrendRenderingTests
{
    private static readonly TrendQuery Query = new("mmlu-pro", "exact_match,mmlu-pro", "main");

    [Fact]
    public void A_dataset_change_starts_a_new_segment_with_its_reason()
    {
        var trend = Trend.Build(Query, Points());

        var segments = Assert.Single(trend.Series).Segments;
        Assert.Equal([2, 2], segments.Select(s => s.Points.Count));
        Assert.Empty(segments[0].BreakReasons);
        Assert.Equal(["dataset changed", "prompt template changed"], segments[1].BreakReasons);
    }

    [Fact]
    public void Text_marks_the_break_between_the_rows()
    {
        var text = TrendText.Render(Trend.Build(Query, Points()));

        var lines = text.Split('\n');
        var breakLine = Array.FindIndex(lines, l => l.Contains("-- break: dataset changed; prompt template changed", StringComparison.Ordinal));
        Assert.True(breakLine > 0, text);
        Assert.StartsWith("  c2", lines[breakLine - 1], StringComparison.Ordinal);
        Assert.StartsWith("  v1.4", lines[breakLine + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_draws_one_mermaid_chart_per_segment()
    {
        var md = TrendMarkdown.Render(Trend.Build(Query, Points()));

        Assert.Equal(2, md.Split("```mermaid\nxychart-beta\n").Length - 1);
        Assert.Contains("  line [0.7000, 0.7100]\n", md, StringComparison.Ordinal);
        Assert.Contains("  line [0.6000, 0.6100]\n", md, StringComparison.Ordinal);
        Assert.Contains("| **break** | dataset changed; prompt template changed |", md, StringComparison.Ordinal);
        Assert.Contains("  x-axis [\"v1.4\", \"c4\"]\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_draws_one_line_per_segment_and_escapes_labels()
    {
        var points = Points();
        points[0] = points[0] with { Identity = points[0].Identity with { Tag = "<script>alert(1)</script>" } };

        var html = TrendHtml.Render(Trend.Build(Query, points));

        // ScottPlot draws each segment as its own 3 px line (the legend's sample is a third): one
        // through points 1-2, one through 3-4, none from 2 to 3 across the break.
        var chart = SvgChartContent.Find(html, "role=\"img\"");
        var dots = chart.HoverDots;
        var lines = chart.Paths(SvgChart.LineColor, "3");
        Assert.Equal(4, dots.Count);
        Assert.Contains(lines, l => Same(l, [dots[0], dots[1]]));
        Assert.Contains(lines, l => Same(l, [dots[2], dots[3]]));
        Assert.DoesNotContain(lines, l => l.Any(v => Near(v, dots[1])) && l.Any(v => Near(v, dots[2])));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_chart_has_its_legend_round_ticks_error_bars_and_hover_titles()
    {
        var trend = Trend.Build(Query, Points());
        var series = Assert.Single(trend.Series);
        var points = series.Points.ToList();
        var shift = new CiGate.Core.History.ChangePoints.ChangePoint("sim", points[3], points[2], 0.60, 0.61, 0.01);

        var svg = SvgChart.Render(series, Query.Metric, [shift], [new Release("v1.3", "c2", points[1].StartedAt)]);

        var chart = SvgChartContent.Find(svg, "role=\"img\"");
        Assert.Equal($"{Query.Metric} on sim", (string?)chart.Root.Attribute("aria-label"));
        // Legend, axis labels and the y ticks: values 0.60-0.71 ± 1.96 × 0.01 give 0.55 to 0.75 in steps of 0.05.
        Assert.Empty(new[]
        {
            SvgChart.MeanLegend, SvgChart.ReleaseLegend, SvgChart.BreakLegend, SvgChart.ShiftLegend,
            "run started (UTC), oldest to newest", Query.Metric, "0.55", "0.60", "0.65", "0.70", "0.75", "03-01 00:00", "03-04 00:00",
        }.Except(chart.Texts));
        // The overlay's labels: the release tags (v1.3 given, v1.4 a tagged point), the break's reasons, the shift.
        Assert.Empty(new[] { "v1.3", "v1.4", "dataset changed; prompt template changed", "shift at c4" }.Except(chart.Texts));
        // An error bar per point: a vertical stroke and two caps, translucent, in the line's colour.
        Assert.Equal(4 * 3, chart.Strokes(SvgChart.LineColor, "1.5", translucent: true));
        // Hover texts: every point, both releases, the break and the shift.
        Assert.Equal(4, chart.HoverDots.Count);
        Assert.Contains("c1 c1 2026-03-01 00:00: 0.7000 ± 0.0100 (n=1000, m)", chart.Titles);
        Assert.Empty(new[]
        {
            "release v1.3", "release v1.4", "break: dataset changed; prompt template changed", "shift at c4: 0.6000 -> 0.6100",
        }.Except(chart.Titles));
    }

    [Fact]
    public void Identity_from_github_actions_environment()
    {
        var push = RunIdentityResolver.FromEnvironment(new Dictionary<string, string?>
        {
            ["GITHUB_REPOSITORY"] = "o/r", ["GITHUB_SHA"] = "abc", ["GITHUB_REF"] = "refs/heads/main", ["GITHUB_REF_NAME"] = "main", ["GITHUB_REF_TYPE"] = "branch",
            ["GITHUB_RUN_ID"] = "42", ["GITHUB_SERVER_URL"] = "https://github.com", ["RUNNER_NAME"] = "gpu-1", ["RUNNER_OS"] = "Linux",
        }.GetValueOrDefault);
        var tag = RunIdentityResolver.FromEnvironment(new Dictionary<string, string?> { ["GITHUB_REF"] = "refs/tags/v1.4", ["GITHUB_REF_NAME"] = "v1.4", ["GITHUB_REF_TYPE"] = "tag" }.GetValueOrDefault);
        var pr = RunIdentityResolver.FromEnvironment(new Dictionary<string, string?> { ["GITHUB_REF"] = "refs/pull/123/merge", ["GITHUB_HEAD_REF"] = "fix-x" }.GetValueOrDefault);

        Assert.Equal(new RunIdentity("o/r", "abc", "main", null, null, "gpu-1 (Linux)", "https://github.com/o/r/actions/runs/42"), push);
        Assert.Equal(new RunIdentity(Tag: "v1.4"), tag);
        Assert.Equal(new RunIdentity(Branch: "fix-x", PullRequest: 123), pr);
        Assert.Equal(push with { Commit = "def", Tag = "v2" }, push.With(new RunIdentity(Commit: "def", Tag: "v2")));
    }

    private static bool Near((double X, double Y) a, (double X, double Y) b) => Math.Abs(a.X - b.X) < 0.02 && Math.Abs(a.Y - b.Y) < 0.02;

    private static bool Same(IReadOnlyList<(double X, double Y)> line, (double X, double Y)[] points) =>
        line.Count == points.Length && line.Zip(points).All(p => Near(p.First, p.Second));

    private static List<SeriesPoint> Points()
    {
        var a = new MeasurementIdentity("m", "d1", "p1", "def");
        var b = a with { DatasetSha256 = "d2", PromptTemplateHash = "p2" };
        var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        return
        [
            new("r1", new RunIdentity(Commit: "c1", Branch: "main"), t0, "sim", a, 0.70, 0.01, 1000),
            new("r2", new RunIdentity(Commit: "c2", Branch: "main"), t0.AddDays(1), "sim", a, 0.71, 0.01, 1000),
            new("r3", new RunIdentity(Commit: "c3", Tag: "v1.4"), t0.AddDays(2), "sim", b, 0.60, 0.01, 1000),
            new("r4", new RunIdentity(Commit: "c4", Branch: "main"), t0.AddDays(3), "sim", b, 0.61, 0.01, 1000),
        ];
    }
}
