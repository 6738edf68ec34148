using CiGate.Core.Comparing;
using CiGate.Core.Comparing.Pairwise;
using static System.FormattableString;

namespace CiGate.Core.Reporting;

/// <summary>A suite's <see cref="PairwiseComparison"/> as a <see cref="PairwiseView"/> of one format.</summary>
internal static class PairwiseViewBuilder
{
    private static readonly string[] Preferences = ["base", "tie", "head"];

    public static PairwiseView? Build(SuiteComparison suite, ReportFormat format)
    {
        if (suite.Pairwise is not { } p)
        {
            return null;
        }

        var status = Status(p);
        var s = p.Summary;
        var message = p.Error
            ?? (p.AgreementCheck is { Met: false } untrusted ? untrusted.Reason : p.Gate?.Reason ?? "");
        var view = new PairwiseView(
            format.Name(p.Judge),
            format.Name(p.JudgeModel),
            status,
            status switch { "pass" => "✅", "fail" => "❌", _ => "❔" },
            format.Sentence(message),
            format.Sentence(p.Error ?? ""),
            ReportNumbers.Count(p.Items),
            Count(s?.Wins),
            Count(s?.Ties),
            Count(s?.Losses),
            Count(s?.Identical),
            Count(s?.Inconsistent),
            Count(s?.Judged),
            Rate(s?.WinRate),
            Interval(s?.WinRate),
            Rate(s?.CorrectedWinRate),
            Interval(s?.CorrectedWinRate),
            Count(s?.CorrectedWinRate.Items),
            Invariant($"{p.MinWinRate:0.00}"),
            s is null ? ReportNumbers.NotAvailable : ReportNumbers.Percent(s.SwapInconsistency),
            format.Sentence(p.Gate?.Reason ?? ""),
            [.. (s?.ByLength ?? []).Select(b => new PairwiseLengthRow(
                format.Name(b.Name), ReportNumbers.Count(b.WinRate.Items), Rate(b.WinRate), Interval(b.WinRate)))],
            format.Sentence(p.FamilyWarning ?? ""),
            ReportNumbers.Count(p.JudgeCalls))
        {
            ClassName = format.Name($"cigate.{suite.Suite}.pairwise"),
            Name = format.Name($"{suite.Suite} on {suite.Target}: head against base"),
        };
        if (p.Agreement is { } a)
        {
            view = view with
            {
                Agreement = format.Sentence(p.AgreementCheck?.Reason ?? ""),
                AgreementRate = a.Agreement.N == 0
                    ? ReportNumbers.NotAvailable
                    : Invariant($"{a.Agreement.Accuracy:0.000}"),
                Kappa = a.Agreement.N == 0 ? ReportNumbers.NotAvailable : Invariant($"{a.Agreement.Kappa:0.000}"),
                Labelled = ReportNumbers.Count(a.Labelled),
                Unjudged = ReportNumbers.Count(a.Unjudged),
                MinAgreement = p.MinAgreement is { } min ? Invariant($"{min:0.00}") : "",
                Confusion = [.. a.Agreement.Confusion.Select((row, i) => new PairwiseConfusionRow(
                    Preferences[i],
                    ReportNumbers.Count(row[0]),
                    ReportNumbers.Count(row[1]),
                    ReportNumbers.Count(row[2])))],
            };
        }

        return view with { Details = [.. Details(view)] };
    }

    /// <summary>pass, fail, or inconclusive (judge error, or a judge the labels do not trust).</summary>
    public static string Status(PairwiseComparison p) =>
        p.Error is not null || p.AgreementCheck is { Met: false } ? "inconclusive"
        : p.Gate is { Passed: false } ? "fail"
        : "pass";

    private static IEnumerable<string> Details(PairwiseView v)
    {
        if (v.Error.Length > 0)
        {
            yield return v.Error;
            yield break;
        }

        yield return $"judge {v.Judge} ({v.JudgeModel}): {v.Items} items, {v.Identical} identical (not asked), "
            + $"{v.Judged} judged in both orders";
        yield return $"head wins {v.Wins}, ties {v.Ties}, losses {v.Losses}, inconsistent {v.Inconsistent} "
            + $"(swap inconsistency {v.SwapInconsistency})";
        yield return $"corrected win rate {v.CorrectedWinRate} {v.CorrectedWinRateCi} over {v.CorrectedItems} items; "
            + $"min_win_rate {v.MinWinRate}";
        if (v.Agreement.Length > 0)
        {
            yield return v.Agreement;
        }

        if (v.FamilyWarning.Length > 0)
        {
            yield return v.FamilyWarning;
        }
    }

    private static string Count(int? value) => value is { } n ? ReportNumbers.Count(n) : ReportNumbers.NotAvailable;

    private static string Rate(PairwiseRate? rate) =>
        rate is null || rate.Items == 0 ? ReportNumbers.NotAvailable : Invariant($"{rate.Rate:0.000}");

    private static string Interval(PairwiseRate? rate) =>
        rate is null || rate.Items == 0 ? "" : Invariant($"[{rate.Low:0.000}, {rate.High:0.000}]");
}
