using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;
using CiGate.Core.Results;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Perf;

/// <summary>Perf suites: load points (rates, concurrencies, sweeps) that schedule their own load.</summary>
internal sealed class PerfKind : ISuiteKind
{
    public string Name => PerfSuite.KindName;

    public bool RunsWhole => true;

    public IReadOnlyList<string> SideFiles =>
        [PerfRequest.FileName, Telemetry.SampleRecord.FileName, Telemetry.PerfEnvironment.FileName];

    public SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory) =>
        PerfSuiteReader.Read(header, map, baseDirectory);

    public IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context) =>
        [.. suite.Targets.Select(t => new PerfPlan((PerfSuite)suite, context.Target(t)))];

    /// <summary>
    /// Latency distributions: load points pair by label, requests are compared unpaired (bootstrap on quantiles).
    /// </summary>
    public SuiteComparison Compare(SuitePair pair) =>
        PerfComparer.Compare(pair.Base!, pair.Head, pair.BaseFolder, pair.HeadFolder, pair.Blocking, pair.Options);

    public (Verdict Verdict, List<string> Reasons)? Decide(SuiteComparison suite, GateSettings gate) =>
        suite.Details is PerfComparison perf ? PerfGate.Decide(suite, perf, gate) : null;

    public SuiteView View(SuiteView view, SuiteComparison suite, ReportFormat format) =>
        PerfViewBuilder.Build(suite.Details as PerfComparison, format) is { } perf
            ? PerfViewBuilder.SummaryRow(view, (PerfComparison)suite.Details!, format) with { Section = perf, Partial = PerfSuite.KindName }
            : view;

    public string? PairingNote(SuiteComparison suite) =>
        suite.Details is not PerfComparison ? null : "Load points pair by label; latency distributions are compared unpaired.";

    public bool PrintSummary(TextWriter w, SuiteResult suite) => PerfRunSummary.TryPrint(w, suite);
}
