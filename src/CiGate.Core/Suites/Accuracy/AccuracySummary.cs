using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Accuracy.Scoring;
using CiGate.Core.Suites.Shared;

namespace CiGate.Core.Suites.Accuracy;

/// <summary>
/// Accuracy metrics from item records: each item's score is the mean over its completed repeats
/// (cluster = item), then mean and standard error over items; with repeats, also a majority vote.
/// Errored samples are not scored; they are counted, and the gate treats too many as inconclusive.
/// </summary>
internal static class AccuracySummary
{
    public static SuiteResult Summarize(AccuracyPlan plan, AccuracySuite suite, IReadOnlyList<ItemRecord> records)
    {
        var byItem = new Dictionary<string, List<ItemRecord>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record.Error is null)
            {
                if (!byItem.TryGetValue(record.Item, out var list))
                {
                    byItem[record.Item] = list = [];
                }

                list.Add(record);
            }
        }

        var keys = new List<string>();
        foreach (var filter in suite.Scoring.Filters)
        {
            keys.Add(AccuracyPlan.MetricKey(filter.Name));
        }

        var repeats = suite.Generation.Repeats;
        var items = byItem.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            values[key] = [.. items.Select(p => p.Value.Average(r => r.Scores.GetValueOrDefault(key)))];
        }

        if (repeats > 1)
        {
            foreach (var filter in suite.Scoring.Filters)
            {
                values[AccuracyPlan.MajorityKey(repeats, filter.Name)] = [.. items.Select(p =>
                {
                    var vote = MajorityVote.Pick([.. p.Value.OrderBy(r => r.Repeat).Select(r => r.Extracted.GetValueOrDefault(filter.Name, filter.Fallback))], filter.Fallback);
                    return !filter.IsInvalid(vote) && AnswerMatcher.IsMatch(vote, p.Value[0].Reference ?? "", suite.Scoring.ExactMatch) ? 1.0 : 0.0;
                })];
            }
        }

        var metrics = values.ToDictionary(p => p.Key, p => ToSummary(p.Value), StringComparer.Ordinal);
        var (groups, macro) = Group(suite.Scoring.GroupBy, items, values);
        var invalid = suite.Scoring.Filters.ToDictionary(
            f => f.Name,
            f => records.Count(r => r.Error is null && (f.IsInvalid(r.Extracted.GetValueOrDefault(f.Name, f.Fallback)) || r.Extracted.GetValueOrDefault(f.Name) == ExtractionFilter.Invalid)),
            StringComparer.Ordinal);
        var (completed, errored, cached) = RecordStats.Count(records);
        var samples = plan.ItemCount * repeats;
        return new SuiteResult(
            suite.Name,
            suite.Kind,
            plan.Target.Name,
            plan.Target.Config.Model,
            RecordStats.ServedModels(records),
            suite.DefinitionHash,
            plan.PromptTemplateHash,
            plan.Dataset,
            new ResultCounts(plan.ItemCount, repeats, samples, completed, errored, samples - completed - errored, cached, invalid),
            metrics,
            suite.Scoring.GroupBy,
            macro,
            groups,
            RecordStats.Usage(records),
            suite.Describe(),
            suite.Gate);
    }

    private static (List<GroupSummary>? Groups, Dictionary<string, MetricSummary>? Macro) Group(
        string? groupBy, List<KeyValuePair<string, List<ItemRecord>>> items, Dictionary<string, double[]> values)
    {
        if (groupBy is null || items.Count == 0)
        {
            return (null, null);
        }

        var names = items.Select(p => p.Value[0].Group ?? "").ToArray();
        var groups = new SortedDictionary<string, Dictionary<string, MetricSummary>>(StringComparer.Ordinal);
        var macro = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        foreach (var (key, metric) in values)
        {
            var grouped = Aggregate.ByGroup(names, metric);
            macro[key] = ToSummary(grouped.Macro);
            foreach (var group in grouped.Groups)
            {
                if (!groups.TryGetValue(group.Group, out var map))
                {
                    groups[group.Group] = map = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
                }

                map[key] = ToSummary(group.Value);
            }
        }

        return ([.. groups.Select(g => new GroupSummary(g.Key, g.Value.Values.First().N, g.Value))], macro);
    }

    private static MetricSummary ToSummary(double[] values) =>
        values.Length == 0 ? new MetricSummary(0, 0, 0) : ToSummary(Aggregate.Mean(values));

    private static MetricSummary ToSummary(MetricValue value) =>
        new(Math.Round(value.Mean, 6), Math.Round(value.StdErr, 6), value.N);
}
