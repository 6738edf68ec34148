using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Shared;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// A tools suite's metrics over items (repeats averaged within an item first): <c>pass</c> (pass@1),
/// with repeats <c>pass^k</c> (all k samples of an item pass), for cases <c>score</c> and <c>steps</c>;
/// a BFCL suite is grouped by category (macro = mean of the categories).
/// </summary>
internal static class ToolsSummary
{
    public static string PassAllName(int repeats) => $"pass^{repeats}";

    public static SuiteResult Summarize(ISuitePlan plan, ToolsSuite suite, IReadOnlyList<ItemRecord> records) =>
        Summarize(plan, suite, records, suite.Bfcl is not null);

    /// <param name="byCategory">A BFCL suite: pass only, grouped by category (the item's group).</param>
    public static SuiteResult Summarize(
        ISuitePlan plan, ToolsSuite suite, IReadOnlyList<ItemRecord> records, bool byCategory)
    {
        var byItem = records.Where(r => r.Error is null)
            .GroupBy(r => r.Item)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            [ToolsPlan.PassMetric] = Mean(byItem, ToolsPlan.PassMetric),
        };
        if (suite.Repeats > 1)
        {
            values[PassAllName(suite.Repeats)] =
                [.. byItem.Select(g => g.Count() == suite.Repeats && g.All(Passed) ? 1.0 : 0.0)];
        }

        if (!byCategory)
        {
            values[ToolsPlan.ScoreMetric] = Mean(byItem, ToolsPlan.ScoreMetric);
            values["steps"] = Mean(byItem, "steps");
        }

        var metrics = values.Where(v => v.Value.Length > 0)
            .ToDictionary(v => v.Key, v => Summary(Aggregate.Mean(v.Value)), StringComparer.Ordinal);
        List<GroupSummary>? groups = null;
        Dictionary<string, MetricSummary>? macro = null;
        if (byCategory && byItem.Count > 0)
        {
            var grouped = Aggregate.ByGroup(
                [.. byItem.Select(g => g.First().Group ?? "")], values[ToolsPlan.PassMetric]);
            groups = [.. grouped.Groups.Select(g => new GroupSummary(
                g.Group,
                g.Value.N,
                new Dictionary<string, MetricSummary> { [ToolsPlan.PassMetric] = Summary(g.Value) }))];
            macro = new Dictionary<string, MetricSummary> { [ToolsPlan.PassMetric] = Summary(grouped.Macro) };
        }

        var (completed, errored, cached) = RecordStats.Count(records);
        var samples = plan.ItemCount * suite.Repeats;
        var counts = new ResultCounts(
            plan.ItemCount, suite.Repeats, samples, completed, errored, samples - completed - errored, cached,
            new Dictionary<string, int>());
        return new SuiteResult(
            suite.Name, suite.Kind, plan.Target.Name, plan.Target.Config.Model, RecordStats.ServedModels(records),
            suite.DefinitionHash, null, null, counts, metrics, byCategory ? "category" : null, macro, groups,
            RecordStats.Usage(records), suite.Describe(), suite.Gate);
    }

    private static bool Passed(ItemRecord record) => record.Scores.GetValueOrDefault(ToolsPlan.PassMetric) == 1;

    private static double[] Mean(List<IGrouping<string, ItemRecord>> byItem, string metric) =>
        [.. byItem.Where(g => g.Any(r => r.Scores.ContainsKey(metric)))
            .Select(g => g.Where(r => r.Scores.ContainsKey(metric)).Average(r => r.Scores[metric]))];

    private static MetricSummary Summary(MetricValue value) =>
        new(Math.Round(value.Mean, 6), Math.Round(value.StdErr, 6), value.N);
}
