using System.Globalization;
using System.Xml.Linq;
using CiGate.Core.Comparing;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;

namespace CiGate.Core.Tests.Reporting;

/// <summary>
/// What report.html's forest plot shows, read from the SVG ScottPlot draws: a row per group with its
/// label and "delta [CI]" text, the point and bar in the colour of its verdict, the round symmetric
/// ticks, the dashed zero line, a hover title per row, and user text escaped.
/// </summary>
public sealed class ForestPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static SvgChartContent Chart(string label = "worse")
    {
        // -4 ± 2 (red), +3 ± 1 (green), +1 ± 3 (grey), and a group with no values (n/a).
        var gated = Gates.Metric("exact_match", 1000, 0.70, 0.71, 0.02, 0.3, 0.3, 40, 50);
        var groups = new List<GroupComparison>
        {
            new(label, Gates.Metric("exact_match", 300, 0.70, 0.66, 0.02, 0.001, 0.002, 20, 8)),
            new("better", Gates.Metric("exact_match", 300, 0.60, 0.63, 0.01, 0.999, 0.999, 5, 14)),
            new("unclear", Gates.Metric("exact_match", 300, 0.60, 0.61, 0.03, 0.4, 0.4, 9, 12)),
            new("empty", Gates.Metric("exact_match", 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, 0)),
        };
        var verdict = Gates.Verdict(Gates.Suite("mmlu", "local", gated, groups), Verdict.Pass);
        var html = ReportRenderer.Render(Gates.Result(verdict), new ReportOptions()).Html;
        return SvgChartContent.Find(html, "aria-label=\"Delta in points by category");
    }

    [Fact]
    public void Each_row_has_its_label_value_and_hover_title_in_order()
    {
        var chart = Chart();

        Assert.Equal(
            ["all: exact_match: +1.0 [-1.0, +3.0]", "better: +3.0 [+2.0, +4.0]", "empty: n/a n/a", "unclear: +1.0 [-2.0, +4.0]",
                "worse: -4.0 [-6.0, -2.0]"],
            chart.Titles);
        var texts = chart.Texts;
        Assert.Equal(
            ["all: exact_match", "+1.0 [-1.0, +3.0]", "better", "+3.0 [+2.0, +4.0]"],
            texts.SkipWhile(t => !t.StartsWith("all:", StringComparison.Ordinal)).Take(4));
        Assert.Contains("Δ pts (head − base)", texts);
        Assert.Equal("img", (string?)chart.Root.Attribute("role"));
    }

    [Fact]
    public void The_axis_is_symmetric_with_round_ticks_and_a_zero_line_in_the_middle()
    {
        var chart = Chart();

        // The largest |bound| is 6 points: the axis runs from -10 to +10.
        Assert.Equal(["-10", "-5", "0", "+5", "+10"], chart.Texts.Take(5));
        // ScottPlot's grid lines at the five ticks, the data area being 200..560 px.
        var grid = chart.Paths("#EAEEF2", "1").SelectMany(p => p).Select(v => v.X).Distinct().Order();
        Assert.Equal([200.0, 290, 380, 470, 560], grid);
        // The dashed zero line is drawn as dashes, all at x = 380 ± 0.5.
        var dashes = chart.Root.Descendants(Svg + "path").Where(p => (string?)p.Attribute("fill") == "#1F2328").ToList();
        Assert.NotEmpty(dashes);
        Assert.All(dashes.SelectMany(d => Xs(d)), x => Assert.InRange(x, 379.5, 380.5));
    }

    [Fact]
    public void A_row_is_red_below_zero_green_above_and_grey_when_its_interval_crosses_it()
    {
        var chart = Chart();

        // Rows: all (grey), better (green), empty (no marks), unclear (grey), worse (red); each bar and its two caps are strokes.
        Assert.Equal(3, chart.Strokes(ChartBuilder.Significant, "2"));
        Assert.Equal(3, chart.Strokes(ChartBuilder.Improved, "2"));
        Assert.Equal(6, chart.Strokes(ChartBuilder.Neutral, "2"));
        var red = chart.Paths(ChartBuilder.Significant, "2").SelectMany(p => p).ToList();
        // The worse row's bar spans -6..-2 points: 380 + (-6 / 10) × 180 = 272 to 344, on the fifth row (y = 12 + 4.5 × 22).
        Assert.Equal(272, red.Min(v => v.X), 1);
        Assert.Equal(344, red.Max(v => v.X), 1);
        Assert.Contains(red, v => Math.Abs(v.Y - 111) < 0.6);
        var green = chart.Paths(ChartBuilder.Improved, "2").SelectMany(p => p).ToList();
        Assert.Equal(380 + (2 * 18), green.Min(v => v.X), 1);
        Assert.Equal(380 + (4 * 18), green.Max(v => v.X), 1);
        // Four points drawn (the n/a row has none), each at its delta and in its row's colour.
        var points = chart.Root.Descendants(Svg + "ellipse")
            .Select(e => (X: Math.Round(D(e.Attribute("cx")!.Value)), Fill: ((string)e.Attribute("fill")!).ToLowerInvariant()))
            .OrderBy(p => p.X)
            .ToList();
        Assert.Equal(
            [(380 - (4 * 18.0), ChartBuilder.Significant), (380 + 18.0, ChartBuilder.Neutral), (380 + 18.0, ChartBuilder.Neutral),
                (380 + (3 * 18.0), ChartBuilder.Improved)],
            points);
    }

    [Fact]
    public void A_label_with_markup_is_text_not_markup()
    {
        var chart = Chart("<script>alert(1)</script> & \"x\"");

        Assert.Empty(chart.Root.Descendants(Svg + "script"));
        Assert.Contains(chart.Texts, t => t.StartsWith("<script>alert(1)</script>", StringComparison.Ordinal));
        Assert.Contains(chart.Titles, t => t.StartsWith("<script>alert(1)</script>", StringComparison.Ordinal));
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static IEnumerable<double> Xs(XElement path) => System.Text.RegularExpressions.Regex
        .Matches(path.Attribute("d")!.Value, @"[ML](-?[\d.]+) ")
        .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
}
