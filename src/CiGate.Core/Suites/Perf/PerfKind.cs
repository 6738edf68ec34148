using CiGate.Core.Config;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Perf;

/// <summary>Perf suites: load points (rates, concurrencies, sweeps) that schedule their own load.</summary>
internal sealed class PerfKind : ISuiteKind
{
    public string Name => PerfSuite.KindName;

    public SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory) =>
        PerfSuiteReader.Read(header, map, baseDirectory);

    public IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context) =>
        [.. suite.Targets.Select(t => new PerfPlan((PerfSuite)suite, context.Target(t)))];
}
