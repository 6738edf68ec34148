using CiGate.Core.Results;

namespace CiGate.Core.Comparing;

/// <summary>
/// One test case of one run, its repeats folded: the pass rate on the primary metric, why its
/// first failing repeat failed and the first critical failure of any repeat. A kind with test
/// cases (prompts; tool calls to come) writes a failing sample's reason into
/// <see cref="ItemRecord.Extracted"/> under the primary metric's filter ("fail: type: reason")
/// and a critical assertion's failure under <see cref="CriticalKey"/>; nothing else is needed
/// for the case gate and the reports to name it.
/// </summary>
public sealed record CaseResult(string Id, string Case, int Repeats, double Rate, string? Failure, string? CriticalFailure)
{
    /// <summary>The extracted field that holds a critical assertion's failure ("canary: ...").</summary>
    public const string CriticalKey = "critical";

    /// <summary>The extracted field ("true") of a sample of an unreviewed case, which runs but never gates.</summary>
    public const string UnreviewedKey = "unreviewed";

    private const string FailPrefix = "fail: ";

    /// <summary>Some repeats passed and some failed.</summary>
    public bool Flaky => Rate is > 0 and < 1;

    /// <summary>An unreviewed (drafted) case: reported, never gated.</summary>
    public bool Unreviewed { get; init; }

    /// <summary>Whether the sample belongs to a case marked `unreviewed: true` when it ran.</summary>
    public static bool IsUnreviewed(ItemRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Extracted.ContainsKey(UnreviewedKey);
    }

    /// <summary>Folds finished samples (errored ones have no verdict) per item, in item order.</summary>
    public static Dictionary<string, CaseResult> Fold(IEnumerable<ItemRecord> records, string primary)
    {
        var filter = primary.Contains(',', StringComparison.Ordinal) ? primary[(primary.LastIndexOf(',') + 1)..] : primary;
        var cases = new Dictionary<string, CaseResult>(StringComparer.Ordinal);
        foreach (var item in records.Where(r => r.Error is null && r.Scores.ContainsKey(primary)).GroupBy(r => r.Item, StringComparer.Ordinal))
        {
            var repeats = item.OrderBy(r => r.Repeat).ToList();
            var failing = repeats.FirstOrDefault(r => r.Scores[primary] < 1);
            cases[item.Key] = new CaseResult(
                item.Key,
                repeats[0].Question ?? item.Key,
                repeats.Count,
                repeats.Average(r => r.Scores[primary]),
                failing is null ? null : Reason(failing, filter),
                repeats.Select(r => r.Extracted.GetValueOrDefault(CriticalKey)).FirstOrDefault(c => c is not null))
            {
                Unreviewed = repeats.Any(IsUnreviewed),
            };
        }

        return cases;
    }

    private static string Reason(ItemRecord record, string filter) =>
        record.Extracted.GetValueOrDefault(filter) is { } text
            ? text.StartsWith(FailPrefix, StringComparison.Ordinal) ? text[FailPrefix.Length..] : text
            : $"scored {record.Scores.GetValueOrDefault(filter):0.###}";
}
