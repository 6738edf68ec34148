using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Shared;

namespace CiGate.Core.Suites.Prompts;

/// <summary>
/// Pass rate and scores over test cases (repeats averaged within a case first), the k-of-N rule
/// over repeats, a per-prompt breakdown when several prompts are compared side by side.
/// </summary>
internal static class PromptsSummary
{
    /// <summary>Where results.json keeps each prompt's text, by prompt id, inside the suite's definition.</summary>
    public const string PromptSourcesKey = "prompt_sources";

    public static SuiteResult Summarize(PromptsPlan plan, PromptsSuite suite, IReadOnlyList<ItemRecord> records)
    {
        // Unreviewed (drafted) cases run and are listed, but never weigh in the suite's metrics: those gate. A suite
        // of unreviewed cases only reports theirs (compare and gate still leave them out), so its cases are listed.
        var finished = records.Where(r => r.Error is null).ToList();
        var reviewed = finished.Where(r => !Comparing.CaseResult.IsUnreviewed(r)).ToList();
        var byItem = (reviewed.Count > 0 ? reviewed : finished)
            .GroupBy(r => r.Item)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var names = new List<string> { PromptsPlan.PassMetric };
        if (suite.Repeats > 1)
        {
            names.Add($"pass@{suite.PassAtLeast}of{suite.Repeats}");
        }

        names.Add(PromptsPlan.ScoreMetric);
        names.AddRange(records.SelectMany(r => r.Scores.Keys).Where(k => k is not (PromptsPlan.PassMetric or PromptsPlan.ScoreMetric)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            values[name] = name.StartsWith("pass@", StringComparison.Ordinal)
                ? [.. byItem.Select(g => g.Count(r => r.Scores.GetValueOrDefault(PromptsPlan.PassMetric) == 1) >= suite.PassAtLeast ? 1.0 : 0.0)]
                : [.. byItem.Where(g => g.Any(r => r.Scores.ContainsKey(name))).Select(g => g.Where(r => r.Scores.ContainsKey(name)).Average(r => r.Scores[name]))];
        }

        var metrics = values.Where(v => v.Value.Length > 0).ToDictionary(v => v.Key, v => Summary(v.Value), StringComparer.Ordinal);
        List<GroupSummary>? groups = null;
        Dictionary<string, MetricSummary>? macro = null;
        if (suite.Prompts.Count > 1 && byItem.Count > 0)
        {
            var grouped = Aggregate.ByGroup([.. byItem.Select(g => g.First().Group ?? "")], values[PromptsPlan.PassMetric]);
            // Groups are prompts: several prompts side by side on the same cases.
            groups = [.. grouped.Groups.Select(g => new GroupSummary(g.Group, g.Value.N, new Dictionary<string, MetricSummary> { [PromptsPlan.PassMetric] = Summary(g.Value) }))];
            macro = new Dictionary<string, MetricSummary> { [PromptsPlan.PassMetric] = Summary(grouped.Macro) };
        }

        var (completed, errored, cached) = RecordStats.Count(records);
        var samples = plan.ItemCount * suite.Repeats;
        var invalid = new Dictionary<string, int> { ["assertion_error"] = records.Count(r => r.Extracted.ContainsKey("assertion_error")) };
        return new SuiteResult(
            suite.Name, suite.Kind, plan.Target.Name, plan.Target.Config.Model, RecordStats.ServedModels(records), suite.DefinitionHash, plan.PromptTemplateHash, null,
            new ResultCounts(plan.ItemCount, suite.Repeats, samples, completed, errored, samples - completed - errored, cached, invalid),
            metrics, suite.Prompts.Count > 1 ? "prompt" : null, macro, groups, RecordStats.Usage(records), Definition(suite), suite.Gate);
    }

    /// <summary>
    /// The definition plus the prompt texts, so compare can show the prompt diff from results
    /// alone. The texts are not in <see cref="SuiteDefinition.DefinitionHash"/>: they have their own hash.
    /// </summary>
    private static System.Text.Json.Nodes.JsonObject Definition(PromptsSuite suite)
    {
        var definition = suite.Describe();
        var sources = new System.Text.Json.Nodes.JsonObject();
        foreach (var prompt in suite.Prompts)
        {
            sources[prompt.Id] = prompt.Source;
        }

        definition[PromptSourcesKey] = sources;
        return definition;
    }

    private static MetricSummary Summary(double[] values) => Summary(Aggregate.Mean(values));

    private static MetricSummary Summary(MetricValue value) => new(Math.Round(value.Mean, 6), Math.Round(value.StdErr, 6), value.N);
}
