namespace CiGate.Core.Config;

/// <summary>
/// A suite's <c>reuse:</c>: how a reused base is checked. <see cref="Canary"/> items of the reused
/// run are asked again (0: none); more flips than <see cref="MaxFlipRate"/> (the A/A noise allowed)
/// makes them likely, or a changed served identity, and the suite runs in full
/// (<see cref="Fallback"/>) or, when a full run is not allowed, is inconclusive.
/// </summary>
public sealed record ReuseSettings(
    int Canary = ReuseSettings.DefaultCanary, double MaxFlipRate = 0.02, bool Fallback = true)
{
    /// <summary>
    /// 30: with a 2% A/A flip rate allowed, 3 or more flips of 30 fail the canary (P = 0.022
    /// under that noise), and a drift that flips 20% of items does so with probability 0.96.
    /// </summary>
    public const int DefaultCanary = 30;

    public static ReuseSettings Default { get; } = new();
}
