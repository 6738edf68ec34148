using CiGate.Core.Config;

namespace CiGate.Core.Suites;

/// <summary>
/// The datasets a simulated target learns from, as each suite's kind names them (one per path and purpose).
/// </summary>
public static class SimulatorKeys
{
    public static IReadOnlyList<SimulatorKey> For(CiGateConfig config, string target) =>
        [.. config.Suites
            .Where(s => s.Targets.Contains(target))
            .SelectMany(s => SuiteKinds.For(s.Kind).SimulatorKeys(s))
            .DistinctBy(k => (k.Kind == SimulatorKeyKind.RefusalLabels, k.Path))];
}
