namespace CiGate.Core.History.ChangePoints;

/// <summary>
/// A change point: <paramref name="Index"/> is the first point of the new regime. The means are
/// those of the regimes on either side (between the neighbouring change points).
/// </summary>
public sealed record ChangePointEstimate(int Index, double Statistic, double PValue, double MeanBefore, double MeanAfter);
