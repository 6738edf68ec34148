using CiGate.Core.Comparing;
using CiGate.Core.Gating;

namespace CiGate.Core.Reporting;

/// <summary>
/// Builds the full report model of one format from a gate result: suites in comparison order,
/// groups ordinal, flips with regressions first then by item id. Nothing is cut here; see
/// <see cref="ReportFitter"/>.
/// </summary>
internal static class ReportModelBuilder
{
    public static ReportModel Build(GateResult result, ReportFormat format, string? fullReportLink)
    {
        var comparison = result.Comparison;
        var suites = InComparisonOrder(result);
        var gates = suites.Count(s => s.Gated is not null);
        var correction = CorrectionName(comparison.Correction);
        var adjusted = gates > 1 && correction.Length > 0;
        var confidence = $"{(comparison.Confidence * 100).ToString("0.##")}% CI";
        var context = new ReportContext(format, confidence, adjusted ? $" ({correction}-adjusted across {gates} suites)" : "");

        // Suite names alone read best; the target is added only where a suite runs on several.
        var duplicated = suites.GroupBy(s => s.Suite.Suite, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        string NameOf(SuiteVerdict s) => duplicated.Contains(s.Suite.Suite) ? $"{s.Suite.Suite} on {s.Suite.Target}" : s.Suite.Suite;

        var views = suites.Select(s => SuiteViewBuilder.Build(s, NameOf(s), context)).ToList();
        var none = result.NoBase is { Required: false };
        var headline = result.NoBase is null ? Headline.Overall(result, suites, NameOf)
            : none ? "no base results, so nothing was compared"
            : "no base results to compare with, and a base is required";
        return new ReportModel(
            "",
            none ? "none" : VerdictStyle.Word(result.Overall),
            none ? "⚪" : VerdictStyle.Emoji(result.Overall),
            none ? VerdictStyle.Color(Verdict.Inconclusive) : VerdictStyle.Color(result.Overall),
            format.Sentence(headline),
            Run(comparison.Base, format),
            Run(comparison.Head, format),
            views,
            format.Name(confidence),
            format.Sentence(adjusted
                ? $"p: one-sided p-value for a drop, {correction}-adjusted across {gates} suites."
                : "p: one-sided p-value for a drop."),
            format.Link(fullReportLink),
            suites.Count,
            suites.Count(s => s.Verdict == Verdict.Fail),
            suites.Count(s => s.Verdict == Verdict.Inconclusive),
            suites.Count(s => s.Verdict == Verdict.Warn),
            comparison.Head.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss"))
        {
            SideBySide = SideBySideBuilder.Build(suites.Select(s => s.Suite), format, format.Charts ? int.MaxValue : SideBySideBuilder.MaxRows),
            CaseTests = views.Sum(v => v.CaseTests.Count),
            CaseFailures = views.Sum(v => v.CaseTests.Count(c => c.Failed)),
            PairwiseTests = views.Count(v => v.Pairwise is not null),
            PairwiseFailures = views.Count(v => v.Pairwise?.Status == "fail"),
            PairwiseErrors = views.Count(v => v.Pairwise?.Status == "inconclusive"),
            GraderTests = views.Count(v => v.Grader is not null),
            GraderErrors = views.Count(v => v.Grader?.Status == "inconclusive"),
            DefinitionChanges = ChangesViewBuilder.DefinitionChanges(suites, NameOf, format),
            NoBase = ChangesViewBuilder.NoBase(result.NoBase, format),
        };
    }

    private static RunView Run(RunReference run, ReportFormat format) => new(
        format.Name(run.RunId),
        format.Name(run.ToolVersion),
        format.Name(run.Status),
        ReportNumbers.Timestamp(run.StartedAt),
        format.Text(run.Folder))
    {
        Commit = run.Commit is { Length: >= 7 } c ? format.Name(c[..7]) : "",
    };

    // The gate may list verdicts in any order; reports follow the comparison's suite order.
    private static List<SuiteVerdict> InComparisonOrder(GateResult result)
    {
        var order = result.Comparison.Suites;
        int IndexOf(SuiteVerdict verdict)
        {
            for (var i = 0; i < order.Count; i++)
            {
                if (ReferenceEquals(order[i], verdict.Suite)
                    || (order[i].Suite == verdict.Suite.Suite && order[i].Target == verdict.Suite.Target))
                {
                    return i;
                }
            }

            return int.MaxValue;
        }

        return [.. result.Suites.Select((s, i) => (Suite: s, Index: i)).OrderBy(x => IndexOf(x.Suite)).ThenBy(x => x.Index).Select(x => x.Suite)];
    }

    // "holm" -> "Holm"; no correction (or a single suite) means no adjustment note.
    private static string CorrectionName(string? correction) =>
        string.IsNullOrWhiteSpace(correction) || correction.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? ""
            : char.ToUpperInvariant(correction[0]) + correction[1..];
}
