namespace CiGate.Core.History;

/// <summary>Points measured the same way; <see cref="BreakReasons"/> says what changed since the previous segment.</summary>
public sealed record TrendSegment(MeasurementIdentity Measurement, IReadOnlyList<SeriesPoint> Points, IReadOnlyList<string> BreakReasons);
