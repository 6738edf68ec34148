using System.Net;
using System.Text;
using CiGate.Core.History.ChangePoints;

namespace CiGate.Core.History.Rendering;

/// <summary>
/// One series as an inline SVG line chart. Each comparable segment is its own line; every point
/// has an error bar (its 95% interval, ±1.96 standard errors); a dashed grey rule marks a break in
/// measurement with its reason, a red rule a detected change point with its commit, and a green
/// dotted rule a release (a tagged run) with its tag. Round tick values; a legend under the plot.
/// Points carry a tooltip (run, commit, value). No script.
/// </summary>
public static class SvgChart
{
    public const string LineColor = "#0969da";
    public const string BreakColor = "#8c959f";
    public const string ShiftColor = "#cf222e";
    public const string ReleaseColor = "#1a7f37";
    private const int Width = 960;
    private const int Height = 280;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 28;
    private const int Bottom = 56;
    private const double Z95 = 1.959963984540054;

    /// <param name="releases">
    /// Tagged runs: each is marked at the point of the same commit, else between the points it falls
    /// between in time, so a branch trend shows the releases cut from it.
    /// </param>
    public static string Render(
        TrendSeries series, string metric, IReadOnlyList<ChangePoint>? changePoints = null, IReadOnlyList<Release>? releases = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.Points.ToList();
        var (low, high, step) = Ticks(points.SelectMany(p => new[] { p.Value - (Z95 * p.StdErr), p.Value + (Z95 * p.StdErr) }));
        double X(int i) => points.Count == 1 ? Left + ((Width - Left - Right) / 2.0) : Left + (i * (Width - Left - Right) / (double)(points.Count - 1));
        double Y(double v) => Top + ((high - v) / (high - low) * (Height - Top - Bottom));
        string H(string s) => WebUtility.HtmlEncode(s);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{H(metric)} on {H(series.Target)}\">");
        svg.Append($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>");
        for (var v = low; v <= high + (step / 2); v += step)
        {
            var y = Numbers.Coordinate(Y(v));
            svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#eaeef2\"/>");
            svg.Append($"<text x=\"{Left - 6}\" y=\"{y}\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#57606a\">{Tick(v, step)}</text>");
        }

        var marked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tag, at) in Releases(points, releases, X))
        {
            if (!marked.Add(tag))
            {
                continue;
            }

            var x = Numbers.Coordinate(at);
            svg.Append($"<line x1=\"{x}\" x2=\"{x}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"{ReleaseColor}\" stroke-width=\"2\" stroke-dasharray=\"2 3\"><title>{H("release " + tag)}</title></line>");
            svg.Append($"<text x=\"{x}\" y=\"{Top - 4}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{ReleaseColor}\">{H(Short(tag))}</text>");
        }

        var index = 0;
        var byRun = (changePoints ?? []).Where(c => c.Target == series.Target).ToDictionary(c => c.At.RunId, StringComparer.Ordinal);
        foreach (var segment in series.Segments)
        {
            var first = index;
            if (segment.BreakReasons.Count > 0)
            {
                var x = Numbers.Coordinate((X(first - 1) + X(first)) / 2);
                svg.Append($"<line x1=\"{x}\" x2=\"{x}\" y1=\"{Top - 12}\" y2=\"{Height - Bottom}\" stroke=\"{BreakColor}\" stroke-width=\"3\" stroke-dasharray=\"6 4\"><title>{H("break: " + string.Join("; ", segment.BreakReasons))}</title></line>");
                svg.Append($"<text x=\"{x}\" y=\"{Top - 16}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\">{H(Short(string.Join("; ", segment.BreakReasons)))}</text>");
            }

            var coordinates = segment.Points.Select((p, i) => $"{Numbers.Coordinate(X(first + i))},{Numbers.Coordinate(Y(p.Value))}");
            svg.Append($"<polyline fill=\"none\" stroke=\"{LineColor}\" stroke-width=\"3\" points=\"{string.Join(' ', coordinates)}\"/>");
            foreach (var p in segment.Points)
            {
                var (cx, cy) = (Numbers.Coordinate(X(index)), Numbers.Coordinate(Y(p.Value)));
                if (byRun.TryGetValue(p.RunId, out var shift))
                {
                    var x = Numbers.Coordinate((X(index - 1) + X(index)) / 2);
                    svg.Append($"<line x1=\"{x}\" x2=\"{x}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"{ShiftColor}\" stroke-width=\"3\"><title>{H($"shift at {Numbers.Commit(p.Identity.Commit)}: {Numbers.Value(shift.MeanBefore)} -> {Numbers.Value(shift.MeanAfter)}")}</title></line>");
                    svg.Append($"<text x=\"{x}\" y=\"{Height - Bottom + 14}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{ShiftColor}\">shift at {H(Numbers.Commit(p.Identity.Commit))}</text>");
                }

                if (p.StdErr > 0)
                {
                    var (barTop, barBottom) = (Numbers.Coordinate(Y(p.Value + (Z95 * p.StdErr))), Numbers.Coordinate(Y(p.Value - (Z95 * p.StdErr))));
                    var (capLeft, capRight) = (Numbers.Coordinate(X(index) - 4), Numbers.Coordinate(X(index) + 4));
                    svg.Append($"<path d=\"M{capLeft} {barTop}H{capRight}M{cx} {barTop}V{barBottom}M{capLeft} {barBottom}H{capRight}\" stroke=\"{LineColor}\" stroke-opacity=\"0.55\" stroke-width=\"1.5\" fill=\"none\"/>");
                }

                svg.Append($"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{(points.Count > 60 ? 2 : 4)}\" fill=\"{LineColor}\"><title>{H($"{p.Label} {Numbers.Commit(p.Identity.Commit)} {Numbers.Time(p.StartedAt)}: {Numbers.Value(p.Value)} ± {Numbers.Value(p.StdErr)} (n={p.N}, {p.Measurement.Model})")}</title></circle>");
                index++;
            }
        }

        if (points.Count > 0)
        {
            svg.Append($"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"11\" fill=\"#57606a\">{H(points[0].Label)} ({Numbers.Time(points[0].StartedAt)})</text>");
            svg.Append($"<text x=\"{Width - Right}\" y=\"{Height - 8}\" font-size=\"11\" text-anchor=\"end\" fill=\"#57606a\">{H(points[^1].Label)} ({Numbers.Time(points[^1].StartedAt)})</text>");
        }

        Legend(svg, Height - 26);
        return svg.Append("</svg>").ToString();
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

    private static void Legend(StringBuilder svg, int y)
    {
        var x = Left;
        foreach (var (color, dash, label) in new[]
        {
            (LineColor, "", "mean, with its 95% interval"),
            (ReleaseColor, "2 3", "release"),
            (BreakColor, "6 4", "measurement changed"),
            (ShiftColor, "", "change point"),
        })
        {
            var pattern = dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "";
            svg.Append($"<line x1=\"{x}\" x2=\"{x + 22}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"3\"{pattern}/>");
            svg.Append($"<text x=\"{x + 28}\" y=\"{y}\" font-size=\"11\" dominant-baseline=\"middle\" fill=\"#57606a\">{label}</text>");
            x += 48 + (label.Length * 6);
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
