using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Reporting;
using CiGate.Core.Results;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// Tool-call suites: function calling against mocked tools, scored by BFCL's AST check or by
/// trajectory and text assertions. Items are test cases (compare pairs them on id, the gate lists failing ones).
/// </summary>
internal sealed class ToolsKind : ISuiteKind
{
    public string Name => ToolsSuite.KindName;

    public bool HasTestCases => true;

    public SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory) =>
        ToolsSuiteReader.Read(header, map, baseDirectory);

    public IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context) =>
        [.. suite.Targets.Select(t => new ToolsPlan((ToolsSuite)suite, context.Target(t)))];

    public ISuitePlan RebuildForMerge(SuiteResult stored, TargetDefinition target, int totalItems) =>
        ToolsSummaryPlan.Rebuild(stored, target, totalItems);

    /// <summary>
    /// Adds, for each newly failing and newly passing case, how its tool calls changed (first repeat).
    /// </summary>
    public SuiteComparison Attach(SuiteComparison comparison, SuitePair pair)
    {
        var flipped = comparison.CaseOutcomes
            .Where(c => c.Status is CaseStatus.NewlyFailing or CaseStatus.NewlyPassing)
            .ToList();
        if (flipped.Count == 0)
        {
            return comparison;
        }

        var before = FirstRepeats(pair.BaseItems);
        var after = FirstRepeats(pair.HeadItems);
        var changes = flipped
            .Where(c => before.ContainsKey(c.Id) && after.ContainsKey(c.Id))
            .Select(c => TrajectoryChange.Of(
                c.Id,
                c.Case,
                c.Status == CaseStatus.NewlyFailing,
                before[c.Id].ToolCalls ?? [],
                after[c.Id].ToolCalls ?? []))
            .ToList();
        return comparison with { Details = new ToolsComparison(changes) };
    }

    public SuiteView View(SuiteView view, SuiteComparison suite, ReportFormat format) =>
        ToolsView.Build(suite.Details as ToolsComparison, format) is { } tools
            ? view with { Section = tools, Partial = ToolsSuite.KindName }
            : view;

    /// <summary>A simulated target answers BFCL items from the possible answers of the suite's folder.</summary>
    public IEnumerable<SimulatorKey> SimulatorKeys(SuiteDefinition suite) =>
        ((ToolsSuite)suite).Bfcl is { } bfcl ? [new SimulatorKey(SimulatorKeyKind.ToolCalls, bfcl.Folder, "", "")] : [];

    private static Dictionary<string, ItemRecord> FirstRepeats(IReadOnlyList<ItemRecord> items) =>
        items.GroupBy(i => i.Item, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MinBy(i => i.Repeat)!, StringComparer.Ordinal);
}
