using System.Text;
using CiGate.Core.History.ChangePoints;

namespace CiGate.Core.History.Rendering;

/// <summary>A trend as a fixed-width console table; a break in measurement is a line of its own.</summary>
public static class TrendText
{
    public static string Render(Trend trend, IReadOnlyList<ChangePoint>? changePoints = null)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var shifts = (changePoints ?? []).Select(c => c.At.RunId).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append(trend.Suite).Append(" · ").Append(trend.Metric).Append(trend.Branch is null ? "" : $" · branch {trend.Branch}").Append('\n');
        foreach (var series in trend.Series)
        {
            text.Append('\n').Append("target ").Append(series.Target).Append('\n');
            text.Append($"  {"run",-12} {"started (UTC)",-16} {"commit",-8} {"value",8} {"± se",8} {"n",7}  model\n");
            foreach (var segment in series.Segments)
            {
                if (segment.BreakReasons.Count > 0)
                {
                    text.Append("  -- break: ").Append(string.Join("; ", segment.BreakReasons)).Append(" (not comparable across this line) --\n");
                }

                foreach (var p in segment.Points)
                {
                    var mark = shifts.Contains(p.RunId) ? "  <- shift" : "";
                    text.Append($"  {Cut(p.Label, 12),-12} {Numbers.Time(p.StartedAt),-16} {Numbers.Commit(p.Identity.Commit),-8} {Numbers.Value(p.Value),8} {Numbers.Value(p.StdErr),8} {p.N,7}  {p.Measurement.Model}{mark}\n");
                }
            }
        }

        return text.ToString();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
