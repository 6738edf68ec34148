using System.Globalization;
using CiGate.Core.Comparing;
using CiGate.Core.Gating;
using CiGate.Core.History.Rendering;

namespace CiGate.Core.Reporting;

/// <summary>
/// A suite's forest plot, drawn by ScottPlot through <see cref="ChartSvg"/>: the gated metric overall, then
/// each group, as a point with its confidence interval on a symmetric axis in points, around a dashed zero
/// line. Red when the interval is wholly below zero, green when wholly above, grey otherwise. Row labels,
/// the "delta [CI]" texts and the axis caption are overlay text in the browser's font (labels are user
/// text, in any script); each row carries a hover text with its label and value.
/// </summary>
internal static class ChartBuilder
{
    public const string Significant = "#cf222e";
    public const string Improved = "#1a7f37";
    public const string Neutral = "#57606a";
    public const string ZeroColor = "#1f2328";
    public const string Caption = "Δ pts (head − base)";
    private const int Width = 760;
    private const int PlotLeft = 200;
    private const int PlotRight = 560;
    private const int ValueX = 575;
    private const int Top = 12;
    private const int RowHeight = 22;
    private const int AxisSpace = 46;
    private const int LabelChars = 30;

    public static ChartView? Build(SuiteVerdict verdict, IReadOnlyList<GroupComparison> groups, ReportFormat format)
    {
        if (verdict.Gated is null && groups.Count == 0)
        {
            return null;
        }

        var metrics = new List<(string Label, MetricComparison Metric)>();
        if (verdict.Gated is { } gated)
        {
            metrics.Add(("all: " + gated.Metric, gated));
        }

        metrics.AddRange(groups.Select(g => (g.Group, g.Metric)));
        var half = NiceHalfRange(metrics.Select(r => r.Metric));
        var rows = metrics.Select(r => Row(r.Label, r.Metric)).ToList();
        var ticks = new[] { -half, -half / 2, 0, half / 2, half }
            .Select(t => new ChartTick(t, t.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture)))
            .ToList();
        var suite = verdict.Suite;
        var aria = TextSanitizer.Excerpt(
            $"Delta in points by {suite.GroupBy ?? "group"} for {suite.Suite} on {suite.Target}", format.NameChars);
        return new ChartView(ChartSvg.DrawOrExplain(() => Draw(rows, ticks, half, aria)));
    }

    /// <summary>
    /// Draws a two-row plot and drops it: what <see cref="ReportCharts.WarmUp"/> runs so the first real chart
    /// of a process finds ScottPlot, SkiaSharp, the font and this code already loaded and compiled.
    /// </summary>
    internal static void Warm()
    {
        var rows = new List<ChartRow> { new("warm", "", 1, -1, 3, Neutral), new("up", "", double.NaN, double.NaN, double.NaN, Neutral) };
        ChartSvg.DrawOrExplain(() => Draw(rows, [new ChartTick(-5, "-5"), new ChartTick(0, "0"), new ChartTick(5, "+5")], 5, "warm-up"));
    }

    private static ChartRow Row(string label, MetricComparison m)
    {
        var hasInterval = double.IsFinite(m.CiLow) && double.IsFinite(m.CiHigh);
        var color = hasInterval && m.CiHigh < 0 ? Significant : hasInterval && m.CiLow > 0 ? Improved : Neutral;
        return new ChartRow(
            TextSanitizer.Excerpt(label, LabelChars),
            TextSanitizer.Excerpt($"{ReportNumbers.Delta(m.Delta)} {ReportNumbers.Interval(m)}", LabelChars * 2),
            m.Delta * 100,
            hasInterval ? m.CiLow * 100 : double.NaN,
            hasInterval ? m.CiHigh * 100 : double.NaN,
            color);
    }

    private static string Draw(IReadOnlyList<ChartRow> rows, IReadOnlyList<ChartTick> ticks, double half, string aria)
    {
        var height = Top + (rows.Count * RowHeight) + AxisSpace;
        var plot = ChartSvg.NewPlot();
        // The data area at fixed pixels, so labels and values line up the same whatever the axis holds.
        plot.Layout.Fixed(new ScottPlot.PixelPadding(PlotLeft, Width - PlotRight, AxisSpace, Top));
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var tick in ticks)
        {
            xTicks.AddMajor(tick.Value, tick.Label);
        }

        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Left.FrameLineStyle.Width = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        // Row i sits at y = -i, one unit (RowHeight pixels) per row, the first at the top.
        plot.Axes.SetLimits(-half, half, -(rows.Count - 1) - 0.5, 0.5);
        var zero = plot.Add.VerticalLine(0, 1, ScottPlot.Color.FromHex(ZeroColor), ScottPlot.LinePattern.Dashed);
        zero.EnableAutoscale = false;
        const double Cap = 5.0 / RowHeight;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var color = ScottPlot.Color.FromHex(row.Color);
            if (row.HasInterval)
            {
                var (low, high) = (Clamp(row.Low, half), Clamp(row.High, half));
                var strokes = new[] { (low, -i, high, -i), (low, -i - Cap, low, -i + Cap), (high, -i - Cap, high, -i + Cap) };
                foreach (var (x1, y1, x2, y2) in strokes)
                {
                    var line = plot.Add.Line(x1, y1, x2, y2);
                    line.Color = color;
                    line.LineWidth = 2;
                    line.MarkerSize = 0;
                }
            }

            if (row.HasPoint)
            {
                plot.Add.Marker(Clamp(row.Delta, half), -i, ScottPlot.MarkerShape.FilledCircle, 9, color);
            }
        }

        return ChartSvg.Render(plot, Width, height, aria, cssClass: "chart", svg =>
        {
            var zeroX = plot.GetPixel(new ScottPlot.Coordinates(0, 0)).X;
            var ys = Enumerable.Range(0, rows.Count).Select(i => plot.GetPixel(new ScottPlot.Coordinates(0, -i)).Y).ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                ChartSvg.Label(svg, 8, ys[i] + 4, ZeroColor, rows[i].Label, "start", 12);
                ChartSvg.Label(svg, ValueX, ys[i] + 4, ZeroColor, rows[i].Value, "start", 12);
            }

            ChartSvg.Label(svg, zeroX, height - 10, ChartSvg.TextColor, Caption, "middle", 12);
            // The hover bands last, over the texts too, so the whole row shows its title.
            for (var i = 0; i < rows.Count; i++)
            {
                ChartSvg.HoverBand(svg, 0, ys[i] - (RowHeight / 2f), Width, RowHeight, $"{rows[i].Label}: {rows[i].Value}");
            }
        });
    }

    private static double Clamp(double value, double half) => Math.Clamp(value, -half, half);

    // Half the axis width, in points: the largest |delta| or CI bound, rounded up to 1, 2, 2.5 or 5 × 10^k.
    private static double NiceHalfRange(IEnumerable<MetricComparison> metrics)
    {
        var largest = metrics
            .SelectMany(m => new[] { m.Delta, m.CiLow, m.CiHigh })
            .Where(double.IsFinite)
            .Select(v => Math.Abs(v * 100))
            .DefaultIfEmpty(0)
            .Max();
        largest = Math.Max(largest, 0.5);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(largest)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= largest)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
