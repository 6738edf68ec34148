using System.Net;
using System.Text;
using CiGate.Core.History.ChangePoints;

namespace CiGate.Core.History.Rendering;

/// <summary>
/// One series as an inline SVG line chart. Each comparable segment is its own line; a dashed
/// grey rule marks a break in measurement with its reason, and a red rule marks a detected
/// change point with its commit. Points carry a tooltip (run, commit, value). No script.
/// </summary>
public static class SvgChart
{
    public const string LineColor = "#0969da";
    public const string BreakColor = "#8c959f";
    public const string ShiftColor = "#cf222e";
    private const int Width = 960;
    private const int Height = 280;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 28;
    private const int Bottom = 36;

    public static string Render(TrendSeries series, string metric, IReadOnlyList<ChangePoint>? changePoints = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.Points.ToList();
        var (low, high) = TrendMarkdown.Range(points.Select(p => p.Value));
        double X(int i) => points.Count == 1 ? Left + ((Width - Left - Right) / 2.0) : Left + (i * (Width - Left - Right) / (double)(points.Count - 1));
        double Y(double v) => Top + ((high - v) / (high - low) * (Height - Top - Bottom));
        string H(string s) => WebUtility.HtmlEncode(s);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{H(metric)} on {H(series.Target)}\">");
        svg.Append($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>");
        for (var t = 0; t <= 4; t++)
        {
            var v = low + ((high - low) * t / 4);
            var y = Numbers.Coordinate(Y(v));
            svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#eaeef2\"/>");
            svg.Append($"<text x=\"{Left - 6}\" y=\"{y}\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#57606a\">{Numbers.Value(v)}</text>");
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
                    svg.Append($"<text x=\"{x}\" y=\"{Height - Bottom + 26}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{ShiftColor}\">shift at {H(Numbers.Commit(p.Identity.Commit))}</text>");
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

        return svg.Append("</svg>").ToString();
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
