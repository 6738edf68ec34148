using CiGate.Core.History.ChangePoints;

namespace CiGate.Core.History.Rendering;

/// <summary>
/// What <c>history site</c> draws: trends of <paramref name="Branch"/> (every branch when null),
/// at most <paramref name="Last"/> points each, and the newest <paramref name="RunRows"/> runs.
/// </summary>
public sealed record SiteOptions(string Title = "CiGate history", string? Branch = null, int? Last = null, int RunRows = 200, EDivisiveOptions? ChangePoints = null);
