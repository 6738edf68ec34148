using CiGate.Core.History.ChangePoints;

namespace CiGate.Core.History.Rendering;

/// <summary>
/// One series as an inline SVG line chart, drawn by ScottPlot (<see cref="ChartSvg"/>). Each comparable
/// segment is its own line; every point has an error bar (its 95% interval, ±1.96 standard errors); a
/// dashed grey rule marks a break in measurement with its reason, a red rule a detected change point
/// with its commit, and a green dotted rule a release (a tagged run) with its tag. Round tick values;
/// a legend under the plot. Points and rules carry a hover text (run, commit, value; the release, the
/// break's reasons, the shift's means). No script.
/// </summary>
public static class SvgChart
{
    public const string LineColor = "#0969da";
    public const string BreakColor = "#8c959f";
    public const string ShiftColor = "#cf222e";
    public const string ReleaseColor = "#1a7f37";
    public const string MeanLegend = "mean, with its 95% interval";
    public const string ReleaseLegend = "release";
    public const string BreakLegend = "measurement changed";
    public const string ShiftLegend = "change point";
    private const int Width = 960;
    private const int Height = 300;
    private const int MaxXTicks = 8;
    private const double Z95 = 1.959963984540054;

    /// <param name="releases">
    /// Tagged runs: each is marked at the point of the same commit, else between the points it falls
    /// between in time, so a branch trend shows the releases cut from it.
    /// </param>
    public static string Render(
        TrendSeries series, string metric, IReadOnlyList<ChangePoint>? changePoints = null, IReadOnlyList<Release>? releases = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        return ChartSvg.DrawOrExplain(() => Draw(series, metric, changePoints, releases));
    }

    private static string Draw(
        TrendSeries series, string metric, IReadOnlyList<ChangePoint>? changePoints, IReadOnlyList<Release>? releases)
    {
        var points = series.Points.ToList();
        var (low, high, step) = Ticks(points.SelectMany(p => new[] { p.Value - (Z95 * p.StdErr), p.Value + (Z95 * p.StdErr) }));
        double X(int i) => i;
        var plot = ChartSvg.NewPlot();
        var line = ScottPlot.Color.FromHex(LineColor);

        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        // Each tick from its index, rounded, so the last lands on the axis end and is drawn (an
        // accumulated 0.55 + 4 × 0.05 is 0.7500000000000001, past the end, and ScottPlot drops it).
        for (var k = 0; k <= (int)Math.Round((high - low) / step); k++)
        {
            var v = Math.Round(low + (k * step), 12);
            yTicks.AddMajor(v, Tick(v, step));
        }

        plot.Axes.Left.TickGenerator = yTicks;
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        var every = Math.Max(1, (int)Math.Ceiling(points.Count / (double)MaxXTicks));
        for (var i = 0; i < points.Count; i += every)
        {
            var date = points[i].StartedAt.UtcDateTime.ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            xTicks.AddMajor(X(i), date);
        }

        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Bottom.Label.Text = "run started (UTC), oldest to newest";
        plot.Axes.Left.Label.Text = metric.Length <= 40 ? metric : metric[..39] + "…";
        plot.Axes.SetLimits(points.Count <= 1 ? -1 : -0.5, points.Count <= 1 ? 1 : points.Count - 0.5, low, high);
        var marked = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<(double X, string Color, string Title, string Label, int Row)>();
        foreach (var (tag, at) in Releases(points, releases, X))
        {
            if (marked.Add(tag))
            {
                rules.Add((at, ReleaseColor, "release " + tag, Short(tag), 0));
            }
        }

        var index = 0;
        var byRun = (changePoints ?? []).Where(c => c.Target == series.Target).ToDictionary(c => c.At.RunId, StringComparer.Ordinal);
        var hovers = new List<(double X, double Y, string Title)>();
        foreach (var segment in series.Segments)
        {
            var first = index;
            if (segment.BreakReasons.Count > 0)
            {
                var reasons = string.Join("; ", segment.BreakReasons);
                rules.Add(((X(first - 1) + X(first)) / 2, BreakColor, "break: " + reasons, Short(reasons), 1));
            }

            var xs = segment.Points.Select((_, i) => X(first + i)).ToArray();
            var ys = segment.Points.Select(p => p.Value).ToArray();
            var scatter = plot.Add.Scatter(xs, ys, line);
            scatter.LineWidth = 3;
            scatter.MarkerSize = points.Count > 60 ? 4 : 7;
            scatter.LegendText = first == 0 ? MeanLegend : "";
            var errors = segment.Points.Select(p => Z95 * p.StdErr).ToArray();
            if (errors.Any(e => e > 0))
            {
                var bars = plot.Add.ErrorBar(xs, ys, errors);
                bars.Color = line.WithAlpha(140);
                bars.LineWidth = 1.5f;
                bars.CapSize = 8;
            }

            foreach (var p in segment.Points)
            {
                if (byRun.TryGetValue(p.RunId, out var shift))
                {
                    var title = $"shift at {Numbers.Commit(p.Identity.Commit)}: "
                        + $"{Numbers.Value(shift.MeanBefore)} -> {Numbers.Value(shift.MeanAfter)}";
                    rules.Add(((X(index - 1) + X(index)) / 2, ShiftColor, title, "shift at " + Numbers.Commit(p.Identity.Commit), 2));
                }

                hovers.Add((X(index), p.Value,
                    $"{p.Label} {Numbers.Commit(p.Identity.Commit)} {Numbers.Time(p.StartedAt)}: "
                    + $"{Numbers.Value(p.Value)} ± {Numbers.Value(p.StdErr)} (n={p.N}, {p.Measurement.Model})"));
                index++;
            }
        }

        // Room above the data for the release tags and break reasons (written in the overlay).
        plot.Axes.Top.MinimumSize = rules.Any(r => r.Row < 2) ? 34 : 10;
        foreach (var (color, legend) in new[] { (ReleaseColor, ReleaseLegend), (BreakColor, BreakLegend), (ShiftColor, ShiftLegend) })
        {
            var first = true;
            foreach (var rule in rules.Where(r => r.Color == color))
            {
                var pattern = color == ReleaseColor ? ScottPlot.LinePattern.Dotted
                    : color == BreakColor ? ScottPlot.LinePattern.Dashed : ScottPlot.LinePattern.Solid;
                var mark = plot.Add.VerticalLine(rule.X, color == ReleaseColor ? 2 : 3, ScottPlot.Color.FromHex(color), pattern);
                mark.LegendText = first ? legend : "";
                first = false;
            }
        }

        plot.ShowLegend(ScottPlot.Edge.Bottom);
        return ChartSvg.Render(plot, Width, Height, $"{metric} on {series.Target}", cssClass: "trend", svg =>
        {
            var top = plot.GetPixel(new ScottPlot.Coordinates(0, high)).Y;
            var bottom = plot.GetPixel(new ScottPlot.Coordinates(0, low)).Y;
            foreach (var rule in rules)
            {
                var x = plot.GetPixel(new ScottPlot.Coordinates(rule.X, low)).X;
                ChartSvg.HoverRule(svg, x, top, bottom, rule.Title);
                // Tags above the data, break reasons above them; a shift's commit inside, at the foot.
                var (y, anchor) = rule.Row switch { 0 => (top - 4, "middle"), 1 => (top - 18, "middle"), _ => (bottom - 6, "start") };
                var color = rule.Color == BreakColor ? ChartSvg.TextColor : rule.Color;
                ChartSvg.Label(svg, rule.Row == 2 ? x + 4 : x, y, color, rule.Label, anchor);
            }

            foreach (var (x, y, title) in hovers)
            {
                ChartSvg.HoverDot(svg, plot.GetPixel(new ScottPlot.Coordinates(x, y)), title);
            }
        });
    }

    /// <summary>Where each release goes on the x axis: its own point, the point of its commit, or between points by time.</summary>
    private static IEnumerable<(string Tag, double X)> Releases(List<SeriesPoint> points, IReadOnlyList<Release>? releases, Func<int, double> x)
    {
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Identity.Tag is { Length: > 0 } own)
            {
                yield return (own, x(i));
            }
        }

        foreach (var release in releases ?? [])
        {
            var same = points.FindIndex(p => release.Commit is not null && p.Identity.Commit == release.Commit);
            if (same >= 0)
            {
                yield return (release.Tag, x(same));
                continue;
            }

            var before = points.FindLastIndex(p => p.StartedAt <= release.At);
            if (before >= 0 && before < points.Count - 1)
            {
                yield return (release.Tag, (x(before) + x(before + 1)) / 2);
            }
        }
    }

    /// <summary>An axis from a round value below the data to one above, in steps of 1, 2 or 5 × 10^k (4 to 8 of them).</summary>
    internal static (double Low, double High, double Step) Ticks(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        var (min, max) = list.Count == 0 ? (0.0, 1.0) : (list.Min(), list.Max());
        if (max - min < 1e-9)
        {
            (min, max) = min >= 0 ? (min, max + 0.01) : (min - 0.005, max + 0.005);
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10((max - min) / 5)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(f => f * magnitude).First(s => (max - min) / s <= 6);
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        return (min >= 0 && low < 0 ? 0 : low, high, step);
    }

    /// <summary>A tick label with as many decimals as the step needs ("0.72", "0.725", "40").</summary>
    private static string Tick(double value, double step)
    {
        var decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        return Math.Round(value, decimals).ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
