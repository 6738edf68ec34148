using CiGate.Core.Results;

namespace CiGate.Core.Comparing;

/// <summary>
/// One suite: join items on id (and prompt hash), then test every metric paired. After a change
/// of definition, prompt template or dataset, items that still asked the same thing pair as
/// usual; when none did, the suite means are compared unpaired.
/// </summary>
internal static class SuiteComparer
{
    public static SuiteComparison Compare(
        SuiteResult @base, SuiteResult head, IReadOnlyList<ItemRecord> baseRecords, IReadOnlyList<ItemRecord> headRecords,
        List<string> blocking, string primary, CompareOptions options)
    {
        var changes = new List<string>(blocking);
        var pairOnPrompt = !Comparer.PromptIsUnderTest(head);
        if (!pairOnPrompt && @base.PromptTemplateHash != head.PromptTemplateHash)
        {
            changes.Add("the prompt changed");
        }

        if (!pairOnPrompt && @base.DefinitionHash != head.DefinitionHash)
        {
            changes.Add("test cases or settings changed");
        }

        if (@base.Model != head.Model || !@base.ServedModels.SequenceEqual(head.ServedModels))
        {
            changes.Add($"model: {Describe(@base)} → {Describe(head)}");
        }

        var metricNames = head.Metrics.Keys.Where(@base.Metrics.ContainsKey).ToList();
        var baseItems = ItemValues.Fold(baseRecords);
        var headItems = ItemValues.Fold(headRecords);
        var paired = new List<(string Id, ItemValues Base, ItemValues Head)>();
        var mismatches = 0;
        foreach (var (id, headItem) in headItems.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!baseItems.TryGetValue(id, out var baseItem))
            {
                continue;
            }

            if (pairOnPrompt && baseItem.First.PromptHash != headItem.First.PromptHash)
            {
                mismatches++;
                continue;
            }

            paired.Add((id, baseItem, headItem));
        }

        if (blocking.Count > 0 && paired.Count == 0)
        {
            // The definition changed and no item kept its prompt (a new template): nothing pairs, so compare the means.
            var unpaired = metricNames.Select(m => MetricTests.Unpaired(m, @base.Metrics[m], head.Metrics[m], options.Confidence)).ToList();
            return Build(@base, head, Pairing.Unpaired, changes, primary, 0, 0, 0, 0, unpaired, [], []) with { PromptChanges = PromptChange.Between(@base, head) };
        }

        // Unreviewed (drafted) cases on head are listed as cases but kept out of every metric test, which gates.
        var all = paired;
        paired = [.. paired.Where(p => !CaseResult.IsUnreviewed(p.Head.First))];
        var baseOnly = baseItems.Keys.Count(k => !headItems.ContainsKey(k));
        var headOnly = headItems.Keys.Count(k => !baseItems.ContainsKey(k));
        var metrics = new List<MetricComparison>();
        foreach (var metric in metricNames)
        {
            var (b, h, _) = Values(paired, metric);
            if (b.Length > 0)
            {
                metrics.Add(MetricTests.Paired(metric, b, h, options));
            }
            else if (!all.Any(p => p.Head.First.Scores.ContainsKey(metric)))
            {
                // Suite-level metrics (a majority vote over repeats) have no per-item score to pair.
                metrics.Add(MetricTests.Unpaired(metric, @base.Metrics[metric], head.Metrics[metric], options.Confidence));
            }
        }

        var groups = Groups(paired, primary, options);
        var flips = Flips(paired, primary, options.MaxOutputCharacters, withFlaky: !pairOnPrompt);
        var result = Build(@base, head, Pairing.Paired, changes, primary, paired.Count, baseOnly, headOnly, mismatches, metrics, groups, flips);
        return pairOnPrompt ? result : result with
        {
            Cases = Classify(paired, primary),
            CaseOutcomes = Outcomes(
                all, primary, CaseResult.Fold(baseRecords, primary), CaseResult.Fold(headRecords, primary)),
            PromptChanges = PromptChange.Between(@base, head),
        };
    }

    public static SuiteComparison OneSided(SuiteResult suite, string change, bool isHead)
    {
        var counts = Counts(suite, suite.Metrics.Keys.FirstOrDefault() ?? "");
        var empty = new SideCounts(0, 0, 0, 0, 0, 0);
        return new SuiteComparison(
            suite.Suite, suite.Target, suite.Kind, Pairing.Unpaired, [change],
            isHead ? "" : suite.Model, isHead ? suite.Model : "",
            isHead ? empty : counts, isHead ? counts : empty,
            0, isHead ? 0 : suite.Counts.Items, isHead ? suite.Counts.Items : 0, 0, [], suite.GroupBy, [], []);
    }

    private static SuiteComparison Build(
        SuiteResult @base, SuiteResult head, Pairing pairing, List<string> changes, string primary, int paired, int baseOnly, int headOnly, int mismatches,
        List<MetricComparison> metrics, List<GroupComparison> groups, List<FlippedItem> flips) =>
        new(head.Suite, head.Target, head.Kind, pairing, changes, @base.Model, head.Model, Counts(@base, primary), Counts(head, primary),
            paired, baseOnly, headOnly, mismatches, metrics, head.GroupBy, groups, flips);

    private static SideCounts Counts(SuiteResult suite, string primary)
    {
        var c = suite.Counts;
        var filter = primary.Contains(',', StringComparison.Ordinal) ? primary[(primary.LastIndexOf(',') + 1)..] : primary;
        var invalid = c.Invalid.TryGetValue(filter, out var n) ? n : 0;
        return new SideCounts(c.Items, c.Samples, c.Completed, c.Errored, c.Missing, invalid);
    }

    private static string Describe(SuiteResult suite) =>
        suite.ServedModels.Count == 0 || (suite.ServedModels.Count == 1 && suite.ServedModels[0] == suite.Model)
            ? suite.Model
            : $"{suite.Model} ({string.Join(", ", suite.ServedModels)})";

    private static (double[] Base, double[] Head, int[] Index) Values(List<(string Id, ItemValues Base, ItemValues Head)> paired, string metric)
    {
        var b = new List<double>(paired.Count);
        var h = new List<double>(paired.Count);
        var index = new List<int>(paired.Count);
        for (var i = 0; i < paired.Count; i++)
        {
            if (paired[i].Base.TryGet(metric, out var x) && paired[i].Head.TryGet(metric, out var y))
            {
                b.Add(x);
                h.Add(y);
                index.Add(i);
            }
        }

        return ([.. b], [.. h], [.. index]);
    }

    private static List<GroupComparison> Groups(List<(string Id, ItemValues Base, ItemValues Head)> paired, string primary, CompareOptions options)
    {
        var groups = new List<GroupComparison>();
        foreach (var group in paired.GroupBy(p => p.Head.First.Group).Where(g => g.Key is not null).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (b, h, _) = Values([.. group], primary);
            if (b.Length > 0)
            {
                groups.Add(new GroupComparison(group.Key!, MetricTests.Paired(primary, b, h, options)));
            }
        }

        return groups;
    }

    private static CaseCounts Classify(List<(string Id, ItemValues Base, ItemValues Head)> paired, string primary)
    {
        var (b, h, _) = Values(paired, primary);
        var counts = new int[5];
        for (var i = 0; i < b.Length; i++)
        {
            counts[(int)Status(b[i], h[i])]++;
        }

        return new CaseCounts(counts[(int)CaseStatus.NewlyFailing], counts[(int)CaseStatus.NewlyPassing], counts[(int)CaseStatus.StillFailing], counts[(int)CaseStatus.StillPassing], counts[(int)CaseStatus.Flaky]);
    }

    private static List<CaseOutcome> Outcomes(
        List<(string Id, ItemValues Base, ItemValues Head)> paired, string primary, Dictionary<string, CaseResult> baseCases, Dictionary<string, CaseResult> headCases)
    {
        var (b, h, index) = Values(paired, primary);
        return [.. Enumerable.Range(0, b.Length).Select(i =>
        {
            var id = paired[index[i]].Id;
            var (before, after) = (baseCases.GetValueOrDefault(id), headCases.GetValueOrDefault(id));
            return new CaseOutcome(id, paired[index[i]].Head.First.Question ?? id, b[i], h[i], Status(b[i], h[i]))
            {
                Failure = after?.Failure ?? before?.Failure,
                CriticalFailure = after?.CriticalFailure,
                Unreviewed = after?.Unreviewed ?? false,
            };
        })];
    }

    private static CaseStatus Status(double baseRate, double headRate) => CaseOutcome.StatusOf(baseRate, headRate);

    private static List<FlippedItem> Flips(List<(string Id, ItemValues Base, ItemValues Head)> paired, string primary, int maxOutput, bool withFlaky = false)
    {
        var filter = primary.Contains(',', StringComparison.Ordinal) ? primary[(primary.LastIndexOf(',') + 1)..] : primary;
        var (b, h, index) = Values(paired, primary);
        var flips = new List<FlippedItem>();
        for (var i = 0; i < b.Length; i++)
        {
            var flaky = withFlaky && h[i] is > 0 and < 1;
            if (b[i] == h[i] && !flaky)
            {
                continue;
            }

            var (id, baseItem, headItem) = paired[index[i]];
            flips.Add(new FlippedItem(
                id,
                headItem.First.Group,
                h[i] < b[i],
                headItem.First.Reference,
                baseItem.First.Extracted.GetValueOrDefault(filter),
                headItem.First.Extracted.GetValueOrDefault(filter),
                Cut(baseItem.First.Output, maxOutput),
                Cut(headItem.First.Output, maxOutput),
                b[i],
                h[i],
                headItem.First.Question ?? baseItem.First.Question,
                flaky));
        }

        return [.. flips.OrderByDescending(f => f.Regressed).ThenBy(f => f.Item, StringComparer.Ordinal)];
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
