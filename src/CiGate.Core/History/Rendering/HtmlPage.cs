using System.Net;
using System.Text;
using CiGate.Core.History.ChangePoints;

namespace CiGate.Core.History.Rendering;

/// <summary>The page frame and series block shared by <c>history trend --format html</c> and the site.</summary>
internal static class HtmlPage
{
    public const string Close = "</main></body></html>\n";

    public static string Open(string title) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>
        body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
        header { background: #24292f; color: #ffffff; padding: 14px 24px; font-size: 20px; font-weight: 600; }
        main { padding: 8px 24px 24px; max-width: 1000px; }
        h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; } h3 { font-size: 15px; margin-bottom: 4px; }
        section.chart { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
        table { border-collapse: collapse; background: #ffffff; margin: 8px 0; }
        th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; font-size: 13px; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.break td { background: #eaeef2; font-style: italic; }
        .shift { color: #cf222e; font-weight: 600; }
        details summary { cursor: pointer; color: #0969da; }
        </style></head><body><header>CiGate history</header><main>
        """;

    public static string Series(
        string metric, TrendSeries series, IReadOnlyList<ChangePoint>? changePoints, IReadOnlyList<Release>? releases = null)
    {
        string H(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<section class=\"chart\"><h3>").Append(H($"{metric} on {series.Target}")).Append("</h3>");
        html.Append(SvgChart.Render(series, metric, changePoints, releases));
        var shifts = (changePoints ?? []).Where(c => c.Target == series.Target).ToList();
        foreach (var shift in shifts)
        {
            html.Append("<p class=\"shift\">").Append(H($"shift at {Numbers.Commit(shift.At.Identity.Commit)} ({(shift.At.Label == Numbers.Commit(shift.At.Identity.Commit) ? "" : shift.At.Label + ", ")}{Numbers.Time(shift.At.StartedAt)} UTC): {Numbers.Value(shift.MeanBefore)} -> {Numbers.Value(shift.MeanAfter)} ({Numbers.Signed(shift.Shift)}), p = {shift.PValue:0.###}")).Append("</p>");
        }

        html.Append("<details><summary>").Append(series.Points.Count()).Append(" runs</summary><table><tr><th>run</th><th>started (UTC)</th><th>commit</th><th>value</th><th>± se</th><th>n</th><th>model</th></tr>");
        foreach (var segment in series.Segments)
        {
            if (segment.BreakReasons.Count > 0)
            {
                html.Append("<tr class=\"break\"><td colspan=\"7\">break: ").Append(H(string.Join("; ", segment.BreakReasons))).Append("</td></tr>");
            }

            foreach (var p in segment.Points)
            {
                html.Append("<tr><td>").Append(Link(p.Label, p.Identity.ReportUrl ?? p.Identity.RunUrl)).Append("</td><td>").Append(Numbers.Time(p.StartedAt))
                    .Append("</td><td>").Append(H(Numbers.Commit(p.Identity.Commit))).Append("</td><td class=\"num\">").Append(Numbers.Value(p.Value))
                    .Append("</td><td class=\"num\">").Append(Numbers.Value(p.StdErr)).Append("</td><td class=\"num\">").Append(p.N)
                    .Append("</td><td>").Append(H(p.Measurement.Model)).Append("</td></tr>");
            }
        }

        return html.Append("</table></details></section>").ToString();
    }

    /// <summary>A link only for http(s) URLs; anything else (a javascript: URL) is shown as text.</summary>
    public static string Link(string text, string? url) =>
        url is not null && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || !url.Contains(':', StringComparison.Ordinal))
            ? $"<a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(text)}</a>"
            : WebUtility.HtmlEncode(text);
}
