namespace CiGate.Core.History.ChangePoints;

/// <summary>
/// Where a metric shifted along a series: <see cref="At"/> is the first run of the new level, so
/// its commit is the one to look at; <see cref="Previous"/> is the last run before it.
/// </summary>
public sealed record ChangePoint(
    string Target,
    SeriesPoint At,
    SeriesPoint Previous,
    double MeanBefore,
    double MeanAfter,
    double PValue)
{
    public double Shift => MeanAfter - MeanBefore;
}
