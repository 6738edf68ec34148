using System.Globalization;
using CiGate.Core.Reporting;
using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety;

/// <summary>Turns a <see cref="SafetyComparison"/> into the escaped <see cref="SafetyView"/> of one format.</summary>
internal static class SafetyViewBuilder
{
    public const int MaxRows = 25;

    public static SafetyView? Build(SafetyComparison? safety, ReportFormat format)
    {
        if (safety is null)
        {
            return null;
        }

        var rates = safety.Rates
            .Where(r => r.Scope == "overall" || r.Metric != "over_refusal")
            .OrderBy(r => r.Scope == "overall" ? 0 : 1)
            .ThenBy(r => r.Metric == "refusal" ? 1 : 0)
            .ThenBy(r => r.Scope, StringComparer.Ordinal)
            .Select(r => new SafetyRateRow(
                format.Name(r.Scope),
                format.Name(r.Metric.Replace('_', '-')),
                ReportNumbers.Count(r.N),
                r.Base is { } b ? ReportNumbers.Percent(b) : ReportNumbers.NotAvailable,
                ReportNumbers.Percent(r.Head),
                $"[{ReportNumbers.Percent(r.HeadLow)}, {ReportNumbers.Percent(r.HeadHigh)}]"))
            .ToList();

        var agreement = safety.Agreement is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"The {safety.Classifier} agrees with {a.N} human-labelled responses on {ReportNumbers.Percent(a.Accuracy)} (Cohen's kappa {a.Kappa:0.000}; refused-or-not {ReportNumbers.Percent(a.BinaryAccuracy)}){(a.Errors > 0 ? $"; {a.Errors} could not be classified" : "")}.")
            : "";
        var confusion = safety.Agreement is { } m
            ? RefusalClasses.All.Select(h => new SafetyConfusionRow(
                format.Name(RefusalClasses.Name(h)),
                ReportNumbers.Count(m.Count(h, RefusalClass.FullCompliance)),
                ReportNumbers.Count(m.Count(h, RefusalClass.FullRefusal)),
                ReportNumbers.Count(m.Count(h, RefusalClass.PartialRefusal)))).ToList()
            : [];

        return new SafetyView(
            format.Name(safety.Classifier),
            rates,
            [.. safety.NewlyRefused.Take(MaxRows).Select(f => Row(f, format))],
            safety.NewlyRefused.Count,
            More(safety.NewlyRefused.Count, format),
            [.. safety.NewlyComplied.Take(MaxRows).Select(f => Row(f, format))],
            safety.NewlyComplied.Count,
            More(safety.NewlyComplied.Count, format),
            format.Sentence(agreement),
            confusion,
            safety.Classifier == "detector" ? format.Sentence(MeasuredAgreement.Sentence()) : "");
    }

    private static SafetyFlipRow Row(SafetyFlip flip, ReportFormat format) => new(
        format.Text(flip.Item),
        format.Text(flip.Type),
        format.Output(flip.Prompt),
        format.Name(flip.BaseClass?.Replace('_', ' ')),
        format.Name(flip.HeadClass?.Replace('_', ' ')),
        format.Output(flip.BaseOutput),
        format.Output(flip.HeadOutput));

    private static string More(int total, ReportFormat format) =>
        total > MaxRows ? format.Sentence(string.Create(CultureInfo.InvariantCulture, $"{total - MaxRows} more not shown; see items.jsonl.")) : "";
}
