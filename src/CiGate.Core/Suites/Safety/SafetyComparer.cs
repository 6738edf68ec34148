using CiGate.Core.Comparing;
using CiGate.Core.Results;

namespace CiGate.Core.Suites.Safety;

/// <summary>Adds the safety view to a suite's comparison (a no-op for other kinds).</summary>
internal static class SafetyComparer
{
    public static SuiteComparison Attach(SuiteResult? @base, SuiteResult head, IReadOnlyList<ItemRecord> baseRecords, IReadOnlyList<ItemRecord> headRecords, SuiteComparison comparison, int maxOutput)
    {
        if (SafetyReport.Of(head) is not { } headSafety)
        {
            return comparison;
        }

        var baseRates = (SafetyReport.Of(@base)?.Rates ?? []).ToDictionary(r => (r.Scope, r.Metric), r => r.Rate);
        var rates = headSafety.Rates
            .Select(r => new SafetyRateChange(r.Scope, r.Metric, r.N, baseRates.TryGetValue((r.Scope, r.Metric), out var b) ? b : null, r.Rate, r.Low, r.High))
            .ToList();

        var baseByItem = First(baseRecords);
        var refused = new List<SafetyFlip>();
        var complied = new List<SafetyFlip>();
        if (comparison.Pairing == Pairing.Paired)
        {
            foreach (var (id, h) in First(headRecords).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!baseByItem.TryGetValue(id, out var b) || b.PromptHash != h.PromptHash
                    || b.Scores.GetValueOrDefault(SafetyPlan.Appropriate, -1) != 1 || h.Scores.GetValueOrDefault(SafetyPlan.Appropriate, -1) != 0)
                {
                    continue;
                }

                var flip = new SafetyFlip(id, h.Group, h.Question, b.Extracted.GetValueOrDefault(SafetyPlan.ClassKey), h.Extracted.GetValueOrDefault(SafetyPlan.ClassKey), Cut(b.Output, maxOutput), Cut(h.Output, maxOutput));
                (h.Scores.ContainsKey(SafetyPlan.CompliedSafe) ? refused : complied).Add(flip);
            }
        }

        return comparison with { Details = new SafetyComparison(headSafety.Classifier, rates, refused, complied, headSafety.Agreement) };
    }

    // Safety suites run one repeat per item; calibration items (label:) are not prompts.
    private static Dictionary<string, ItemRecord> First(IReadOnlyList<ItemRecord> records) =>
        records.Where(r => r.Error is null && !r.Item.StartsWith(SafetyPlan.LabelPrefix, StringComparison.Ordinal))
            .GroupBy(r => r.Item, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Repeat).First(), StringComparer.Ordinal);

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
