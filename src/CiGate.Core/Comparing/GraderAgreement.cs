using System.Globalization;
using CiGate.Core.Comparing.Statistics;
using CiGate.Core.Config;
using CiGate.Core.Results;

namespace CiGate.Core.Comparing;

/// <summary>
/// A prompt suite's grader checked against people (`grader_labels:`, docs/prompt-suites.md): each
/// label's case on the head run (its first completed repeat; with several prompts, the case's item
/// under each prompt, "id@prompt") gives the grader's verdict on its model-graded assertions, recorded per sample
/// under <see cref="VerdictsKey"/>. <see cref="Agreement"/> is over two classes, 0 = fail, 1 = pass
/// (rows: people, columns: the grader); a label whose case did not run, errored, has no such
/// assertion or whose grader gave no verdict counts in <see cref="Unjudged"/> and nowhere else.
/// </summary>
public sealed record GraderAgreement(RaterAgreement Agreement, int Labelled, int Unjudged, double MinAgreement)
{
    /// <summary>
    /// items.jsonl's extracted key: "pass,fail,error", one verdict per model-graded assertion, in order.
    /// </summary>
    public const string VerdictsKey = "model_graded";

    /// <summary>Below the bar, or with nothing judged, the grader cannot gate: the suite is inconclusive.</summary>
    public bool Trusted => Agreement.N > 0 && Agreement.Accuracy >= MinAgreement;

    /// <summary>The gate's line, with the numbers.</summary>
    public string Reason
    {
        get
        {
            var a = Agreement;
            if (a.N == 0)
            {
                return Text($"the grader is not trusted: none of the {Labelled} labelled cases was graded, ")
                    + Text($"so min_agreement {MinAgreement:0.00} cannot be checked");
            }

            var measured = Text($"agrees with people on {a.Accuracy:0.00}")
                + (Trusted ? Text($" ≥ {MinAgreement:0.00}") : Text($" < {MinAgreement:0.00}"))
                + Text($" ({a.N} labelled verdicts, Cohen's kappa {a.Kappa:0.00})");
            return Trusted ? $"the grader {measured}" : $"the grader is not trusted: {measured}";
        }
    }

    public static string Format(IEnumerable<bool?> verdicts) =>
        string.Join(',', verdicts.Select(v => v switch { true => "pass", false => "fail", null => "error" }));

    /// <summary>The verdicts a sample recorded (null for an error); empty when none was.</summary>
    public static IReadOnlyList<bool?> Parse(ItemRecord record) =>
        record.Extracted.GetValueOrDefault(VerdictsKey) is { Length: > 0 } text
            ? [.. text.Split(',').Select(v => v switch { "pass" => true, "fail" => (bool?)false, _ => null })]
            : [];

    public static GraderAgreement Of(IEnumerable<ItemRecord> head, GraderLabelsRecord labels)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(labels);
        var first = head
            .Where(r => r.Error is null && r.ScoringError is null)
            .GroupBy(r => r.Item, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.Repeat).First())
            .OrderBy(r => r.Item, StringComparer.Ordinal)
            .ToList();
        var pairs = new List<(int Human, int? Judge)>();
        foreach (var label in labels.Labels)
        {
            var human = label.Pass ? 1 : 0;
            var samples = first.Where(r => r.Item == label.Id).ToList() is { Count: > 0 } exact
                ? exact
                : [.. first.Where(r => r.Item.StartsWith(label.Id + "@", StringComparison.Ordinal))];
            if (samples.Count == 0)
            {
                pairs.Add((human, null));
                continue;
            }

            foreach (var sample in samples)
            {
                pairs.Add((human, Verdict(Parse(sample), label.Assertion) is { } v ? (v ? 1 : 0) : null));
            }
        }

        return new GraderAgreement(
            RaterAgreement.Measure(2, pairs), labels.Labels.Count, pairs.Count(p => p.Judge is null),
            labels.MinAgreement);
    }

    /// <summary>One assertion's verdict, or (no index) pass when each passed; null when none can be read.</summary>
    private static bool? Verdict(IReadOnlyList<bool?> verdicts, int? index) =>
        index is { } i
            ? i < verdicts.Count ? verdicts[i] : null
            : verdicts.Count == 0 || verdicts.Any(v => v is null) ? null : verdicts.All(v => v == true);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
