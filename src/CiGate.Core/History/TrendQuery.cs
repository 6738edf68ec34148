namespace CiGate.Core.History;

/// <summary>A metric's history: <paramref name="Last"/> newest runs, oldest first in the answer.</summary>
public sealed record TrendQuery(string Suite, string Metric, string? Branch = null, string? Target = null, int? Last = null);
