using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Reporting;

/// <summary>The one-sentence verdicts (raw text; callers escape it): overall and per suite.</summary>
internal static class Headline
{
    public static string Overall(GateResult result, IReadOnlyList<SuiteVerdict> suites, Func<SuiteVerdict, string> nameOf)
    {
        if (suites.Count == 0)
        {
            return "no suites were compared";
        }

        if (result.Overall == Verdict.Pass)
        {
            return suites.Count == 1 ? Suite(suites[0], nameOf(suites[0])) : $"all {suites.Count} suites passed";
        }

        var same = suites.Where(s => s.Verdict == result.Overall).ToList();
        if (same.Count == 0)
        {
            return VerdictStyle.Word(result.Overall);
        }

        var text = Suite(same[0], nameOf(same[0]));
        return same.Count == 1
            ? text
            : $"{text}; {same.Count - 1} more {(same.Count == 2 ? "suite" : "suites")} {VerdictStyle.PastTense(result.Overall)}";
    }

    public static string Suite(SuiteVerdict verdict, string name)
    {
        var gated = verdict.Gated;
        var reason = verdict.Reasons.Count > 0 ? verdict.Reasons[0] : VerdictStyle.Word(verdict.Verdict);
        // A test-case suite is judged case by case: its first reason names the cases, not a p-value.
        var byCases = verdict.Mode == GateMode.Cases && verdict.Suite.Cases is not null;
        // A suite failed or warned by its on_definition_change policy: say that, not the delta.
        var byDefinitionChange = verdict.Suite.DefinitionChange is not null && reason.StartsWith("definition changed", StringComparison.Ordinal);
        if (gated is null && !byCases && !byDefinitionChange && verdict.Verdict != Verdict.Inconclusive)
        {
            // A suite judged on no single metric (perf: the first regressed load point): the headline
            // keeps what changed and by how much; the interval and margin follow in its section.
            return $"{name}: {Short(reason)}";
        }

        if (gated is null || byCases || byDefinitionChange || verdict.Verdict == Verdict.Inconclusive || !double.IsFinite(gated.Delta))
        {
            return $"{name}: {reason}";
        }

        var p = ReportNumbers.PClause(PValue(gated));
        return verdict.Verdict switch
        {
            Verdict.Fail or Verdict.Warn when gated.Delta < 0 => $"{name} dropped {ReportNumbers.Points(-gated.Delta)} pts ({p})",
            Verdict.Fail or Verdict.Warn => $"{name}: {reason}",
            _ => $"{name} {ReportNumbers.Delta(gated.Delta)} pts ({p})",
        };
    }

    /// <summary>A reason without its closing parenthesised detail, when it has one: "a → b ms, +19.5% (95% CI ...)".</summary>
    private static string Short(string reason)
    {
        var open = reason.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && reason.EndsWith(')') ? reason[..open] : reason;
    }

    /// <summary>The gate's p-value: Holm-adjusted when the gate computed one.</summary>
    public static double PValue(MetricComparison metric) =>
        double.IsFinite(metric.PAdjusted) ? metric.PAdjusted : metric.PValueRegression;
}
