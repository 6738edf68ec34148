namespace CiGate.Core.Suites.Perf;

/// <summary>
/// The load shape. <see cref="Rates"/> (req/s) drive constant and poisson; <see cref="Concurrencies"/>
/// drive concurrent (and cap throughput); <see cref="SweepPoints"/> is the number of rates a sweep
/// spaces between its synchronous and throughput rates. Limits apply per load point.
/// </summary>
public sealed record ProfileSpec(
    ProfileKind Kind,
    IReadOnlyList<double> Rates,
    IReadOnlyList<int> Concurrencies,
    int SweepPoints,
    TimeSpan MaxDuration,
    int MaxRequests,
    PhaseTrim Warmup,
    PhaseTrim Cooldown,
    TimeSpan? RequestTimeout,
    double MaxLagP99Ms,
    SloSearchSpec Search);
