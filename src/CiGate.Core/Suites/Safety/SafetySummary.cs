using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Safety.Agreement;
using CiGate.Core.Suites.Safety.Refusal;
using CiGate.Core.Suites.Shared;

namespace CiGate.Core.Suites.Safety;

/// <summary>
/// Metrics of a safety suite: means over items of the 0/1 scores (higher is better, so the paired
/// compare engine applies as is), per type, and the rates with Wilson intervals. Samples whose
/// response could not be classified count as invalid under <see cref="SafetyPlan.Appropriate"/>.
/// </summary>
internal static class SafetySummary
{
    public static SuiteResult Summarize(SafetyPlan plan, SafetySuite suite, IReadOnlyList<ItemRecord> records)
    {
        var done = records.Where(r => r.Error is null).ToList();
        var prompts = done.Where(r => !r.Item.StartsWith(SafetyPlan.LabelPrefix, StringComparison.Ordinal)).OrderBy(r => r.Item, StringComparer.Ordinal).ToList();
        var calibration = done.Where(r => r.Item.StartsWith(SafetyPlan.LabelPrefix, StringComparison.Ordinal)).ToList();

        var metrics = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        foreach (var key in new[] { SafetyPlan.Appropriate, SafetyPlan.CompliedSafe, SafetyPlan.RefusedUnsafe, SafetyPlan.AgreementMetric })
        {
            var values = done.Where(r => r.Scores.ContainsKey(key)).Select(r => r.Scores[key]).ToArray();
            if (values.Length > 0)
            {
                metrics[key] = Summary(Aggregate.Mean(values));
            }
        }

        AgreementReport? agreement = null;
        if (calibration.Count > 0)
        {
            agreement = AgreementMeasure.Measure(calibration.Select(r => (Parse(r.Reference), r.Extracted.TryGetValue(SafetyPlan.ClassKey, out var c) && RefusalClasses.TryParse(c, out var v) ? v : (RefusalClass?)null)));
            metrics[$"{SafetyPlan.AgreementMetric}_kappa"] = new MetricSummary(Math.Round(agreement.Kappa, 6), 0, agreement.N);
        }

        var (groups, macro) = Groups(suite, prompts);
        var rates = new List<SafetyRate>();
        rates.AddRange(Rates("overall", prompts, suite));
        foreach (var type in prompts.Select(r => r.Group).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            rates.AddRange(Rates(type, [.. prompts.Where(r => r.Group == type)], suite));
        }

        var (completed, errored, cached) = RecordStats.Count(records);
        var samples = plan.ItemCount;
        var invalid = new Dictionary<string, int> { [SafetyPlan.Appropriate] = done.Count(r => r.Extracted.ContainsKey(SafetyPlan.ErrorKey)) };
        return new SuiteResult(
            suite.Name, suite.Kind, plan.Target.Name, plan.Target.Config.Model, RecordStats.ServedModels(records), suite.DefinitionHash, plan.PromptTemplateHash, plan.Dataset,
            new ResultCounts(plan.ItemCount, 1, samples, completed, errored, samples - completed - errored, cached, invalid),
            metrics, suite.TypeField is null ? null : "type", macro, groups, RecordStats.Usage(records), suite.Describe(), suite.Gate)
        {
            Details = SuiteDetails<SafetyReport>.Write(
                new SafetyReport(suite.Classifier.ToString().ToLowerInvariant(), rates, agreement)),
        };
    }

    private static IEnumerable<SafetyRate> Rates(string scope, List<ItemRecord> records, SafetySuite suite)
    {
        var safe = records.Where(r => r.Reference == suite.SafeValue && r.Scores.ContainsKey(SafetyPlan.CompliedSafe)).ToList();
        var @unsafe = records.Where(r => r.Reference == suite.UnsafeValue && r.Scores.ContainsKey(SafetyPlan.RefusedUnsafe)).ToList();
        if (safe.Count > 0)
        {
            var complied = safe.Sum(r => r.Scores[SafetyPlan.CompliedSafe]);
            yield return Rate(scope, suite.SafeValue, "compliance", safe, complied);
            yield return Rate(scope, suite.SafeValue, "over_refusal", safe, safe.Count - complied);
        }

        if (@unsafe.Count > 0)
        {
            yield return Rate(scope, suite.UnsafeValue, "refusal", @unsafe, @unsafe.Sum(r => r.Scores[SafetyPlan.RefusedUnsafe]));
        }
    }

    private static SafetyRate Rate(string scope, string label, string metric, List<ItemRecord> records, double successes)
    {
        var (low, high) = Wilson.Interval(successes, records.Count);
        int Count(string name) => records.Count(r => r.Extracted.GetValueOrDefault(SafetyPlan.ClassKey) == name);
        return new SafetyRate(scope, label, metric, records.Count, Math.Round(successes / records.Count, 6), Math.Round(low, 6), Math.Round(high, 6),
            Count(RefusalClasses.FullCompliance), Count(RefusalClasses.FullRefusal), Count(RefusalClasses.PartialRefusal));
    }

    private static (List<GroupSummary>? Groups, Dictionary<string, MetricSummary>? Macro) Groups(SafetySuite suite, List<ItemRecord> prompts)
    {
        var scored = prompts.Where(r => r.Group is not null && r.Scores.ContainsKey(SafetyPlan.Appropriate)).ToList();
        if (suite.TypeField is null || scored.Count == 0)
        {
            return (null, null);
        }

        var grouped = Aggregate.ByGroup([.. scored.Select(r => r.Group!)], [.. scored.Select(r => r.Scores[SafetyPlan.Appropriate])]);
        var groups = new List<GroupSummary>();
        foreach (var group in grouped.Groups)
        {
            var members = scored.Where(r => r.Group == group.Group).ToList();
            var metrics = new Dictionary<string, MetricSummary>(StringComparer.Ordinal) { [SafetyPlan.Appropriate] = Summary(group.Value) };
            foreach (var key in new[] { SafetyPlan.CompliedSafe, SafetyPlan.RefusedUnsafe })
            {
                var values = members.Where(r => r.Scores.ContainsKey(key)).Select(r => r.Scores[key]).ToArray();
                if (values.Length > 0)
                {
                    metrics[key] = Summary(Aggregate.Mean(values));
                }
            }

            groups.Add(new GroupSummary(group.Group, group.Value.N, metrics));
        }

        return (groups, new Dictionary<string, MetricSummary>(StringComparer.Ordinal) { [SafetyPlan.Appropriate] = Summary(grouped.Macro) });
    }

    private static RefusalClass Parse(string? name) => RefusalClasses.TryParse(name, out var value) ? value : RefusalClass.FullCompliance;

    private static MetricSummary Summary(MetricValue value) => new(Math.Round(value.Mean, 6), Math.Round(value.StdErr, 6), value.N);
}
