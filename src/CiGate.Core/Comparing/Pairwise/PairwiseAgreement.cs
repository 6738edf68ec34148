using System.Globalization;
using CiGate.Core.Comparing.Statistics;
using CiGate.Core.Config;

namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// The pairwise judge checked against people: for every labelled item that was judged, the
/// reconciled verdict (a win is "head", a loss "base", any tie, inconsistent and identical
/// included, "tie") against the human's preference. <see cref="Unjudged"/> counts labels whose item
/// the comparison did not judge (not in either run, or errored); they are left out.
/// </summary>
public sealed record PairwiseAgreement(RaterAgreement Agreement, int Labelled, int Unjudged)
{
    public static PairwiseAgreement Of(
        IEnumerable<PairwiseItemResult> results, IReadOnlyDictionary<string, PairwisePreference> labels)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(labels);
        var judged = results.ToDictionary(r => r.Id, r => Verdict(r.Outcome), StringComparer.Ordinal);
        var pairs = labels
            .Where(l => judged.ContainsKey(l.Key))
            .Select(l => ((int)l.Value, (int?)(int)judged[l.Key]))
            .ToList();
        return new PairwiseAgreement(RaterAgreement.Measure(3, pairs), labels.Count, labels.Count - pairs.Count);
    }

    /// <summary>The judge's reconciled verdict as a preference.</summary>
    public static PairwisePreference Verdict(PairwiseOutcome outcome) => outcome switch
    {
        PairwiseOutcome.Win => PairwisePreference.Head,
        PairwiseOutcome.Loss => PairwisePreference.Base,
        _ => PairwisePreference.Tie,
    };

    /// <summary>
    /// The `min_agreement` rule: a judge that agrees with people on less than the bar cannot gate,
    /// so the pairwise verdict is untrusted (the suite is inconclusive, never passed on it). With no
    /// labelled item judged the rule cannot be checked, which is also untrusted.
    /// </summary>
    public PairwiseAgreementCheck Check(double minAgreement)
    {
        var a = Agreement;
        if (a.N == 0)
        {
            return new(false,
                $"no labelled item was judged ({Labelled} labelled), so min_agreement {Number(minAgreement)} cannot be checked");
        }

        var met = a.Accuracy >= minAgreement;
        var measured = string.Create(
            CultureInfo.InvariantCulture, $"judge agrees with {a.N} human labels on {a.Accuracy:0.000} (Cohen's kappa {a.Kappa:0.000})");
        return new(met, met
            ? $"{measured}, reaching min_agreement {Number(minAgreement)}"
            : $"{measured}, below min_agreement {Number(minAgreement)}: the pairwise verdict is not trusted");
    }

    private static string Number(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>Whether the judge may gate, and why, in one line.</summary>
public sealed record PairwiseAgreementCheck(bool Met, string Reason);
