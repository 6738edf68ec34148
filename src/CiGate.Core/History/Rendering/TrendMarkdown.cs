using System.Text;
using CiGate.Core.Reporting;

namespace CiGate.Core.History.Rendering;

/// <summary>
/// A trend in GitHub Markdown: a table, then one Mermaid <c>xychart-beta</c> per comparable
/// segment, so a line never joins points measured differently (a new model, dataset, prompt or
/// suite definition starts a new chart, and says why).
/// </summary>
public static class TrendMarkdown
{
    public static string Render(Trend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var md = new StringBuilder();
        string E(string s) => MarkdownEscaper.Instance.Escape(s);
        foreach (var series in trend.Series)
        {
            md.Append("### ").Append(E($"{trend.Suite} · {trend.Metric} on {series.Target}")).Append(trend.Branch is null ? "" : $" (branch {E(trend.Branch)})").Append("\n\n");
            md.Append("| run | started (UTC) | commit | value | ± se | n | model |\n|---|---|---|---:|---:|---:|---|\n");
            foreach (var segment in series.Segments)
            {
                if (segment.BreakReasons.Count > 0)
                {
                    md.Append("| **break** | ").Append(E(string.Join("; ", segment.BreakReasons))).Append(" | | | | | |\n");
                }

                foreach (var p in segment.Points)
                {
                    md.Append($"| {E(p.Label)} | {Numbers.Time(p.StartedAt)} | {E(Numbers.Commit(p.Identity.Commit))} | {Numbers.Value(p.Value)} | {Numbers.Value(p.StdErr)} | {p.N} | {E(p.Measurement.Model)} |\n");
                }
            }

            md.Append('\n');
            for (var i = 0; i < series.Segments.Count; i++)
            {
                var segment = series.Segments[i];
                if (segment.BreakReasons.Count > 0)
                {
                    md.Append("Break: ").Append(E(string.Join("; ", segment.BreakReasons))).Append(". A new chart starts.\n\n");
                }

                var (low, high) = Range(segment.Points.Select(p => p.Value));
                md.Append("```mermaid\nxychart-beta\n");
                md.Append("  title \"").Append(Quote($"{trend.Suite} {trend.Metric} ({series.Target})" + (series.Segments.Count > 1 ? $", segment {i + 1} of {series.Segments.Count}" : ""))).Append("\"\n");
                md.Append("  x-axis [").Append(string.Join(", ", segment.Points.Select(p => $"\"{Quote(p.Label)}\""))).Append("]\n");
                md.Append("  y-axis \"").Append(Quote(trend.Metric)).Append("\" ").Append(Numbers.Value(low)).Append(" --> ").Append(Numbers.Value(high)).Append('\n');
                md.Append("  line [").Append(string.Join(", ", segment.Points.Select(p => Numbers.Value(p.Value)))).Append("]\n```\n\n");
            }
        }

        return md.ToString();
    }

    /// <summary>Mermaid strings end at a double quote and cannot escape it.</summary>
    private static string Quote(string text) => text.Replace('"', '\'').ReplaceLineEndings(" ");

    internal static (double Low, double High) Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return (0, 1);
        }

        var (min, max) = (list.Min(), list.Max());
        var pad = Math.Max((max - min) * 0.1, 0.005);
        return (Math.Max(0, min - pad), max + pad);
    }
}
