namespace CiGate.Core.Suites.Perf;

/// <summary>
/// A perf suite's `measurement:` block: how far the load generator's own timing is trusted.
/// <see cref="MaxFlaggedShare"/> is the share of a load point's measured requests whose first token
/// the client could not time (<see cref="MeasurementFlags"/>) above which the load point is invalid
/// and the gate inconclusive. <see cref="WarmUpRequests"/> short requests go out before each load
/// point, unrecorded, to open its connections and run the write and receive paths once (null: one
/// per stream of the load point).
/// </summary>
public sealed record MeasurementSpec(double MaxFlaggedShare, int? WarmUpRequests)
{
    /// <summary>5%: at 64 streams on two cores a client that keeps up flags none; a saturated one most.</summary>
    public const double DefaultMaxFlaggedShare = 0.05;

    public static readonly MeasurementSpec Default = new(DefaultMaxFlaggedShare, null);

    /// <summary>Output tokens of a warm-up request: enough reads to run the parser, little server time.</summary>
    public const int WarmUpOutputTokens = 8;
}
