using System.Globalization;
using System.Text;
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
        return new PerfView(format.Sentence($"Noise estimate: {perf.NoiseEstimate}."), capacity, rows, slos, points, Mermaid(perf), format.Charts ? Svg(perf) : "",
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
    /// TTFT p95 (y) against achieved requests/s (x), one polyline per side, with ticks at round
    /// values on both axes and a legend; numbers only, nothing to escape.
    /// </summary>
    private static string Svg(PerfComparison perf)
    {
        var points = perf.Curve.Where(p => p.RequestsPerSecond > 0).ToList();
        if (points.Count < 2)
        {
            return "";
        }

        const double left = 56, right = 400, top = 28, bottom = 200;
        var (stepX, maxX) = Ticks(points.Max(p => p.RequestsPerSecond));
        var (stepY, maxY) = Ticks(Math.Max(1, points.Max(p => p.TtftP95)));
        double X(double v) => left + ((right - left) * v / maxX);
        double Y(double v) => bottom - ((bottom - top) * v / maxY);
        var svg = new StringBuilder("<svg class=\"perf-curve\" viewBox=\"0 0 420 250\" width=\"420\" height=\"250\" role=\"img\" ");
        svg.Append("aria-label=\"TTFT p95 against requests per second, base and head\" font-size=\"11\">");
        for (var v = 0.0; v <= maxY + (stepY / 2); v += stepY)
        {
            svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{Y(v):0.#}\" x2=\"{right}\" y2=\"{Y(v):0.#}\" stroke=\"#d0d7de\"/>"));
            svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{Y(v) + 4:0.#}\" text-anchor=\"end\">{Tick(v)}</text>"));
        }

        for (var v = 0.0; v <= maxX + (stepX / 2); v += stepX)
        {
            svg.Append(Invariant($"<line x1=\"{X(v):0.#}\" y1=\"{bottom}\" x2=\"{X(v):0.#}\" y2=\"{bottom + 4}\" stroke=\"#6e7781\"/>"));
            svg.Append(Invariant($"<text x=\"{X(v):0.#}\" y=\"{bottom + 16}\" text-anchor=\"middle\">{Tick(v)}</text>"));
        }

        svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#6e7781\"/>"));
        svg.Append(Invariant($"<text x=\"{(left + right) / 2}\" y=\"{bottom + 34}\" text-anchor=\"middle\">requests/s</text>"));
        svg.Append("<text x=\"4\" y=\"14\">TTFT p95 (ms)</text>");
        var legend = left + 90;
        foreach (var (side, color) in new[] { ("base", BaseColor), ("head", HeadColor) })
        {
            var coords = points.Where(p => p.Side == side).OrderBy(p => p.RequestsPerSecond)
                .Select(p => Invariant($"{X(p.RequestsPerSecond):0.#},{Y(p.TtftP95):0.#}")).ToList();
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', coords)}\"><title>{side}</title></polyline>"));
            foreach (var c in coords)
            {
                var xy = c.Split(',');
                svg.Append(Invariant($"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3\" fill=\"{color}\"/>"));
            }

            svg.Append(Invariant($"<line x1=\"{legend}\" y1=\"10\" x2=\"{legend + 18}\" y2=\"10\" stroke=\"{color}\" stroke-width=\"2\"/>"));
            svg.Append(Invariant($"<text x=\"{legend + 22}\" y=\"14\">{side}</text>"));
            legend += 60;
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A round tick step (1, 2 or 5 × 10^k) giving at most 6 intervals, and the axis end it reaches.</summary>
    internal static (double Step, double Max) Ticks(double max)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max / 5)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(f => f * magnitude).First(s => max / s <= 6);
        return (step, Math.Ceiling(max / step) * step);
    }

    private static string Tick(double value) => value.ToString(value >= 10 || value == 0 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Safe(string label) => new([.. label.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')]);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Ms(double value) => PerfNumbers.Ms(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
