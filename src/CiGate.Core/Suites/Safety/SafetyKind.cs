using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Reporting;
using CiGate.Core.Results;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Safety;

/// <summary>Safety suites: labelled prompts to refuse or answer, classified responses and rates.</summary>
internal sealed class SafetyKind : ISuiteKind
{
    public string Name => SafetySuite.KindName;

    public SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory) =>
        SafetySuiteReader.Read(header, map, baseDirectory);

    public IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context) =>
        SafetyPlans.Build((SafetySuite)suite, context.Config, context.Limit);

    public IEnumerable<SimulatorKey> SimulatorKeys(SuiteDefinition suite)
    {
        var safety = (SafetySuite)suite;
        return [new SimulatorKey(
            SimulatorKeyKind.RefusalLabels, safety.Dataset.Path, "prompt", safety.LabelField, safety.UnsafeValue)];
    }

    public SuiteComparison Attach(SuiteComparison comparison, SuitePair pair) =>
        SafetyComparer.Attach(
            pair.Base, pair.Head, pair.BaseItems, pair.HeadItems, comparison, pair.Options.MaxOutputCharacters);

    public SuiteView View(SuiteView view, SuiteComparison suite, ReportFormat format) =>
        SafetyViewBuilder.Build(suite.Details as SafetyComparison, format) is { } safety
            ? view with { Section = safety, Partial = SafetySuite.KindName }
            : view;

    public void PrintDetails(TextWriter w, SuiteResult suite) => SafetyRunSummary.Print(w, suite);

    public ISuitePlan RebuildForMerge(SuiteResult stored, TargetDefinition target, int totalItems) =>
        SafetySummaryPlan.Rebuild(stored, target, totalItems);
}
