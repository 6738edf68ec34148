using System.Globalization;
using System.Text;
using CiGate.Core.History.Rendering;
using CiGate.Core.Reporting;

namespace CiGate.Core.Suites.Perf;

/// <summary>Turns a <see cref="PerfComparison"/> into the escaped <see cref="PerfView"/> of one format.</summary>
internal static class PerfViewBuilder
{
    public const int MaxRows = 60;

    /// <summary>The two sides' colours in every chart, Mermaid and SVG alike.</summary>
    public const string BaseColor = "#6e7781";

    public const string HeadColor = "#0969da";

    public static PerfView? Build(PerfComparison? perf, ReportFormat format)
    {
        if (perf is null)
        {
            return null;
        }

        var rows = perf.Changes.Take(MaxRows).Select(c => new PerfRow(
            format.Name(c.LoadPoint),
            format.Name(Invariant($"{c.Metric} p{c.Percentile:0.##}")),
            Invariant($"{c.BaseN}/{c.HeadN}"),
            Ms(c.Base),
            Ms(c.Head),
            Invariant($"{c.ChangePercent:+0.0;-0.0;0.0}%"),
            Invariant($"[{c.CiLowPercent:+0.0;-0.0;0.0}%, {c.CiHighPercent:+0.0;-0.0;0.0}%]"),
            Invariant($"{c.MarginPercent:0.#}%"),
            !c.Gated ? "n too small to gate" : c.Regressed ? "❌" : c.Warned ? "⚠️" : "✅")).ToList();
        var slos = perf.Slos.Select(s => new PerfSloRow(format.Name(s.LoadPoint), format.Name(s.Check.Slo), Ms(s.Check.Value), s.Check.Met ? "✅" : "❌")).ToList();
        var points = perf.Curve.Select(p => new PerfPointRow(p.Side, format.Name(p.LoadPoint), Invariant($"{p.RequestsPerSecond:0.##}"), Invariant($"{p.OutputTokensPerSecond:0}"), Ms(p.TtftP50), Ms(p.TtftP95), Ms(p.ItlP50), Ms(p.ItlP95),
            p.FlaggedShare is { } flagged ? Invariant($"{flagged * 100:0.#}%") : "")).ToList();
        var capacity = perf.HeadCapacity is { } head
            ? format.Sentence(Invariant($"Capacity at SLO: {(perf.BaseCapacity is { } b ? $"{b:0.###} → " : "")}{head:0.###} {perf.CapacityUnit}."))
            : "";
        var environment = perf.HeadEnvironment is { Length: > 0 } where ? format.Sentence($"Head measured on {where}.") : "";
        var chart = format.Charts ? ChartSvg.DrawOrExplain(() => Svg(perf)) : "";
        return new PerfView(format.Sentence($"Noise estimate: {perf.NoiseEstimate}."), capacity, rows, slos, points, Mermaid(perf), chart,
            environment, ServerLoad.Rows(perf.Curve, format));
    }

    /// <summary>
    /// The suite's row of the summary table: the change that decided the verdict (the largest
    /// regressed, else warned, else gated change) in milliseconds and percent. A quantile bootstrap
    /// gives an interval, not a p-value, so p is a dash; with no change to show, the row says so.
    /// </summary>
    public static SuiteView SummaryRow(SuiteView view, PerfComparison perf, ReportFormat format)
    {
        var decisive = perf.Changes
            .OrderByDescending(c => c.Regressed)
            .ThenByDescending(c => c.Warned)
            .ThenByDescending(c => c.Gated)
            .ThenByDescending(c => c.ChangePercent)
            .FirstOrDefault();
        if (decisive is null)
        {
            return view with { Metric = "no load point in both runs", Method = "–", N = "–", Base = "–", Head = "–", Delta = "–", Ci = "–", P = "–" };
        }

        return view with
        {
            Metric = format.Name(Invariant($"{decisive.Metric} p{decisive.Percentile:0.##} at {decisive.LoadPoint}")),
            Method = "quantile bootstrap",
            N = Invariant($"{decisive.BaseN}/{decisive.HeadN}"),
            Base = Ms(decisive.Base),
            Head = Ms(decisive.Head),
            Delta = Invariant($"{decisive.ChangePercent:+0.0;-0.0;0.0}%"),
            Ci = Invariant($"[{decisive.CiLowPercent:+0.0;-0.0;0.0}%, {decisive.CiHighPercent:+0.0;-0.0;0.0}%]"),
            P = "–",
        };
    }

    /// <summary>
    /// TTFT p95 against load point, base and head as two lines. Labels are load point names, which
    /// cigate builds from numbers; anything else is dropped so the fence cannot be broken out of.
    /// </summary>
    private static string Mermaid(PerfComparison perf)
    {
        var labels = perf.Curve.Where(p => p.Side == "head").Select(p => p.LoadPoint).ToList();
        if (labels.Count < 2)
        {
            return "";
        }

        var baseLine = labels.Select(l => perf.Curve.FirstOrDefault(p => p.Side == "base" && p.LoadPoint == l)?.TtftP95 ?? 0);
        var headLine = labels.Select(l => perf.Curve.First(p => p.Side == "head" && p.LoadPoint == l).TtftP95);
        var text = new StringBuilder();
        // Explicit colours (GitHub's default palette draws the first line in a pale tint) and, as
        // xychart has no legend, the legend in the title: base grey, head blue.
        text.Append("```mermaid\n%%{init: {\"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \"");
        text.Append(BaseColor).Append(", ").Append(HeadColor).Append("\"}}}}%%\n");
        text.Append("xychart-beta\n    title \"TTFT p95 (ms) by load point: base (grey) vs head (blue)\"\n");
        text.Append("    x-axis [").Append(string.Join(", ", labels.Select(l => $"\"{Safe(l)}\""))).Append("]\n");
        // From zero to a round value: relative changes read true, and the ticks are round numbers.
        var (_, top) = Ticks(Math.Max(1, baseLine.Concat(headLine).Max()));
        text.Append("    y-axis \"ms\" 0 --> ").Append(Number(top)).Append('\n');
        text.Append("    line [").Append(string.Join(", ", baseLine.Select(Number))).Append("]\n");
        text.Append("    line [").Append(string.Join(", ", headLine.Select(Number))).Append("]\n```");
        return text.ToString();
    }

    /// <summary>
    /// TTFT p95 (y) against achieved requests/s (x), drawn by ScottPlot: a line per side in the sides'
    /// colours, both axes from zero with ScottPlot's round ticks, axis labels and a legend; each point
    /// carries a hover text. Only report.html calls this, so SkiaSharp loads for a perf report alone.
    /// </summary>
    private static string Svg(PerfComparison perf)
    {
        var points = perf.Curve.Where(p => p.RequestsPerSecond > 0).ToList();
        if (points.Count < 2)
        {
            return "";
        }

        var plot = ChartSvg.NewPlot();
        var (_, maxX) = Ticks(points.Max(p => p.RequestsPerSecond));
        var (_, maxY) = Ticks(Math.Max(1, points.Max(p => p.TtftP95)));
        var hovers = new List<(double X, double Y, string Title)>();
        foreach (var (side, color) in new[] { ("base", BaseColor), ("head", HeadColor) })
        {
            var own = points.Where(p => p.Side == side).OrderBy(p => p.RequestsPerSecond).ToList();
            if (own.Count == 0)
            {
                continue;
            }

            var xs = own.Select(p => p.RequestsPerSecond).ToArray();
            var line = plot.Add.Scatter(xs, own.Select(p => p.TtftP95).ToArray(), ScottPlot.Color.FromHex(color));
            line.LegendText = side;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            hovers.AddRange(own.Select(p => (p.RequestsPerSecond, p.TtftP95,
                Invariant($"{side}, load point {p.LoadPoint}: {p.RequestsPerSecond:0.##} req/s, TTFT p95 {Ms(p.TtftP95)}"))));
        }

        // From zero to a round value, as in the Mermaid chart: relative changes read true.
        plot.Axes.SetLimits(0, maxX, 0, maxY);
        plot.Axes.Bottom.Label.Text = "requests/s";
        plot.Axes.Left.Label.Text = "TTFT p95 (ms)";
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return ChartSvg.Render(plot, 420, 260, "TTFT p95 against requests per second, base and head", "perf-curve", svg =>
        {
            foreach (var (x, y, title) in hovers)
            {
                ChartSvg.HoverDot(svg, plot.GetPixel(new ScottPlot.Coordinates(x, y)), title);
            }
        });
    }

    /// <summary>A round tick step (1, 2 or 5 × 10^k) giving at most 6 intervals, and the axis end it reaches.</summary>
    internal static (double Step, double Max) Ticks(double max)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max / 5)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(f => f * magnitude).First(s => max / s <= 6);
        return (step, Math.Ceiling(max / step) * step);
    }

    private static string Safe(string label) => new([.. label.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')]);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Ms(double value) => PerfNumbers.Ms(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
