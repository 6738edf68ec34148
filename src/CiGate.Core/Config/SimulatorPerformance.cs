namespace CiGate.Core.Config;

/// <summary>
/// How a simulated target behaves as a server under load (the `performance:` block of `simulator:`),
/// for perf suites against the simulator. The defaults change nothing.
/// </summary>
public sealed record SimulatorPerformance(
    double Slowdown = 1.0,
    int MaxConcurrentDecodes = 0,
    double BatchItlGrowth = 0,
    bool SendUsage = true,
    bool SendTimestamps = false,
    int MidStreamErrorEvery = 0,
    bool DecodeSteps = false);
