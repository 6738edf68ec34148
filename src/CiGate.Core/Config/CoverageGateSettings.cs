namespace CiGate.Core.Config;

/// <summary>
/// The config's optional top-level <c>coverage: { min, warn_min }</c>: the floors of <c>cigate coverage</c>, shares
/// of traffic from 0 to 1 (<c>Coverage.CoverageGate</c> judges a report against them).
/// </summary>
public sealed record CoverageGateSettings(double? Min, double? WarnMin);
