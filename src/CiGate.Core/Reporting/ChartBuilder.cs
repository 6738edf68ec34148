using CiGate.Core.Comparing;
using CiGate.Core.Gating;

namespace CiGate.Core.Reporting;

/// <summary>
/// Lays out a suite's forest plot: the gated metric overall, then each group, as a point with
/// its confidence interval on a symmetric axis in points, around a zero line.
/// </summary>
internal static class ChartBuilder
{
    private const double Width = 760;
    private const double PlotLeft = 200;
    private const double PlotRight = 560;
    private const double ValueX = 575;
    private const double Top = 12;
    private const double RowHeight = 22;
    private const double AxisSpace = 46;
    private const string Significant = "#cf222e";
    private const string Improved = "#1a7f37";
    private const string Neutral = "#57606a";

    public static ChartView? Build(SuiteVerdict verdict, IReadOnlyList<GroupComparison> groups, ReportFormat format)
    {
        if (verdict.Gated is null && groups.Count == 0)
        {
            return null;
        }

        var rows = new List<(string Label, MetricComparison Metric)>();
        if (verdict.Gated is { } gated)
        {
            rows.Add(("all: " + gated.Metric, gated));
        }

        rows.AddRange(groups.Select(g => (g.Group, g.Metric)));
        var half = NiceHalfRange(rows.Select(r => r.Metric));
        double X(double value) => PlotLeft + ((Math.Clamp(value * 100, -half, half) + half) / (2 * half) * (PlotRight - PlotLeft));

        var plotBottom = Top + (rows.Count * RowHeight);
        var chartRows = rows.Select((row, index) =>
        {
            var m = row.Metric;
            var y = Top + (index * RowHeight) + (RowHeight / 2);
            var hasPoint = double.IsFinite(m.Delta);
            var hasInterval = double.IsFinite(m.CiLow) && double.IsFinite(m.CiHigh);
            var color = hasInterval && m.CiHigh < 0 ? Significant : hasInterval && m.CiLow > 0 ? Improved : Neutral;
            return new ChartRow(
                format.Name(TextSanitizer.Excerpt(row.Label, 30)),
                format.Name($"{ReportNumbers.Delta(m.Delta)} {ReportNumbers.Interval(m)}"),
                ReportNumbers.Coordinate(y),
                ReportNumbers.Coordinate(y + 4),
                hasPoint,
                hasPoint ? ReportNumbers.Coordinate(X(m.Delta)) : "0",
                hasInterval,
                hasInterval ? ReportNumbers.Coordinate(X(m.CiLow)) : "0",
                hasInterval ? ReportNumbers.Coordinate(X(m.CiHigh)) : "0",
                ReportNumbers.Coordinate(y - 5),
                ReportNumbers.Coordinate(y + 5),
                color);
        }).ToList();

        var ticks = new[] { -half, -half / 2, 0, half / 2, half }
            .Select(t => new ChartTick(ReportNumbers.Coordinate(X(t / 100)), t.ToString("+0.##;-0.##;0")))
            .ToList();
        return new ChartView(
            ReportNumbers.Coordinate(Width),
            ReportNumbers.Coordinate(plotBottom + AxisSpace),
            ReportNumbers.Coordinate(PlotLeft),
            ReportNumbers.Coordinate(PlotRight),
            ReportNumbers.Coordinate(Top),
            ReportNumbers.Coordinate(plotBottom),
            ReportNumbers.Coordinate(X(0)),
            ReportNumbers.Coordinate(ValueX),
            ReportNumbers.Coordinate(plotBottom + 18),
            ReportNumbers.Coordinate(plotBottom + 36),
            ticks,
            chartRows);
    }

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
