namespace CiGate.Core.History.ChangePoints;

/// <summary>
/// Runs <see cref="EDivisive"/> on each comparable segment of a trend. A segment boundary (a new
/// model, dataset, prompt or suite definition) is a known break, not a finding, and a shift is
/// never searched across it.
/// </summary>
public static class ChangePointDetector
{
    public static IReadOnlyList<ChangePoint> Detect(Trend trend, EDivisiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var found = new List<ChangePoint>();
        foreach (var series in trend.Series)
        {
            foreach (var segment in series.Segments)
            {
                var values = segment.Points.Select(p => p.Value).ToArray();
                foreach (var estimate in EDivisive.Detect(values, options))
                {
                    found.Add(new ChangePoint(series.Target, segment.Points[estimate.Index], segment.Points[estimate.Index - 1], estimate.MeanBefore, estimate.MeanAfter, estimate.PValue));
                }
            }
        }

        return found;
    }
}
