namespace CiGate.Core.History;

/// <summary>One target's points, in comparable segments, oldest first.</summary>
public sealed record TrendSeries(string Target, IReadOnlyList<TrendSegment> Segments)
{
    public IEnumerable<SeriesPoint> Points => Segments.SelectMany(s => s.Points);
}
