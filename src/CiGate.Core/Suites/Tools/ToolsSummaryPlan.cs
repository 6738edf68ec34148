using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// A tools plan for <c>merge</c>, summarising only: the metrics read the item count, the repeats and
/// whether the suite is BFCL's (pass only, grouped by category, from each item's stored group); the
/// trajectories and BFCL reasons are in the items themselves, which merge copies as they are.
/// </summary>
internal sealed class ToolsSummaryPlan(ToolsSuite suite, TargetDefinition target, int items, bool byCategory)
    : ISuitePlan
{
    public SuiteDefinition Suite => suite;

    public TargetDefinition Target => target;

    public int ItemCount => items;

    public int Repeats => suite.Repeats;

    public DatasetInfo? Dataset => null;

    public string? PromptTemplateHash => null;

    public static ToolsSummaryPlan Rebuild(SuiteResult stored, TargetDefinition target, int totalItems)
    {
        var definition = stored.Definition;
        var generation = definition["generation"] as JsonObject ?? throw new FormatException("'generation' is missing");
        var suite = new ToolsSuite(
            stored.Suite, [target.Name], [], new Dictionary<string, ToolMock>(), [], null, [], null, 1, 0, null,
            generation["repeats"]?.GetValue<int>() ?? 1);
        return new ToolsSummaryPlan(suite, target, totalItems, definition["bfcl"] is JsonObject);
    }

    public string ItemId(int index) =>
        throw new InvalidOperationException("a plan rebuilt for merge only summarises stored items");

    public void Preview()
    {
    }

    public SuiteResult Summarize(IReadOnlyList<ItemRecord> records, string? folder) =>
        ToolsSummary.Summarize(this, suite, records, byCategory);
}
