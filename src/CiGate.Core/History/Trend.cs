namespace CiGate.Core.History;

/// <summary>
/// A metric over runs, cut into segments of comparable points: a new segment starts wherever the
/// model, dataset, prompt template or suite definition changed (<see cref="TrendSegment.BreakReasons"/>).
/// One series per target.
/// </summary>
public sealed record Trend(string Suite, string Metric, string? Branch, IReadOnlyList<TrendSeries> Series)
{
    public bool IsEmpty => Series.Count == 0;

    public static Trend Build(TrendQuery query, IReadOnlyList<SeriesPoint> points)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(points);
        var series = points
            .GroupBy(p => p.Target, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TrendSeries(g.Key, Segment([.. g.OrderBy(p => p.StartedAt).ThenBy(p => p.RunId, StringComparer.Ordinal)])))
            .ToList();
        return new Trend(query.Suite, query.Metric, query.Branch, series);
    }

    private static List<TrendSegment> Segment(List<SeriesPoint> points)
    {
        var segments = new List<TrendSegment>();
        var start = 0;
        IReadOnlyList<string> reasons = [];
        for (var i = 1; i <= points.Count; i++)
        {
            var differences = i < points.Count ? points[i - 1].Measurement.Differences(points[i].Measurement) : [];
            if (i < points.Count && points[i].IdentityBreak)
            {
                differences = [.. differences, SeriesPoint.IdentityBreakReason];
            }

            if (i == points.Count || differences.Count > 0)
            {
                segments.Add(new TrendSegment(points[start].Measurement, points[start..i], reasons));
                start = i;
                reasons = differences;
            }
        }

        return segments;
    }
}
