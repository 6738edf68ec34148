namespace CiGate.Core.Tests.Perf;

/// <summary>
/// The load tests' collection runs alone, after every other test of the assembly: they time real requests
/// against the simulator, and the CPU-heavy tests beside them (coverage, detectors, MMLU-Pro scoring) made
/// an A/A pair on a 2-core machine differ by 30% at the 95th percentile (seen on 2026-12-07, load average ~7).
/// </summary>
[CollectionDefinition(PerfHarness.Collection, DisableParallelization = true)]
public sealed class PerfLoadCollection;
