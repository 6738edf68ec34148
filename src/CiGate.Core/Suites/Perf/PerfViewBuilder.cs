using System.Globalization;
using System.Text;
using CiGate.Core.Reporting;

namespace CiGate.Core.Suites.Perf;

/// <summary>Turns a <see cref="PerfComparison"/> into the escaped <see cref="PerfView"/> of one format.</summary>
internal static class PerfViewBuilder
{
    public const int MaxRows = 60;

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
        text.Append("```mermaid\nxychart-beta\n    title \"TTFT p95 (ms) by load point: base, then head\"\n");
        text.Append("    x-axis [").Append(string.Join(", ", labels.Select(l => $"\"{Safe(l)}\""))).Append("]\n");
        text.Append("    y-axis \"ms\"\n");
        text.Append("    line [").Append(string.Join(", ", baseLine.Select(Number))).Append("]\n");
        text.Append("    line [").Append(string.Join(", ", headLine.Select(Number))).Append("]\n```");
        return text.ToString();
    }

    /// <summary>TTFT p95 (y) against achieved requests/s (x), one polyline per side; numbers only, nothing to escape.</summary>
    private static string Svg(PerfComparison perf)
    {
        var points = perf.Curve.Where(p => p.RequestsPerSecond > 0).ToList();
        if (points.Count < 2)
        {
            return "";
        }

        double maxX = points.Max(p => p.RequestsPerSecond), maxY = Math.Max(1, points.Max(p => p.TtftP95));
        var svg = new StringBuilder("<svg class=\"perf-curve\" viewBox=\"0 0 420 240\" width=\"420\" height=\"240\" role=\"img\" aria-label=\"TTFT p95 against requests per second\">");
        svg.Append("<line x1=\"40\" y1=\"210\" x2=\"410\" y2=\"210\" stroke=\"#888\"/><line x1=\"40\" y1=\"10\" x2=\"40\" y2=\"210\" stroke=\"#888\"/>");
        svg.Append(Invariant($"<text x=\"225\" y=\"235\" text-anchor=\"middle\" font-size=\"11\">requests/s (max {maxX:0.##})</text><text x=\"4\" y=\"20\" font-size=\"11\">{maxY:0} ms</text>"));
        foreach (var (side, color) in new[] { ("base", "#8a8a8a"), ("head", "#0969da") })
        {
            var coords = points.Where(p => p.Side == side).OrderBy(p => p.RequestsPerSecond)
                .Select(p => Invariant($"{40 + (370 * p.RequestsPerSecond / maxX):0.#},{210 - (200 * p.TtftP95 / maxY):0.#}"));
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', coords)}\"><title>{side}</title></polyline>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Safe(string label) => new([.. label.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')]);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Ms(double value) => double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) + " ms" : ReportNumbers.NotAvailable;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
