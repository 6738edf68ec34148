using System.Globalization;
using CiGate.Core.Comparing.Statistics;
using CiGate.Core.Comparing;
using CiGate.Core.Config;

namespace CiGate.Core.Gating;

/// <summary>
/// Decides per suite, by its <see cref="GateMode"/>. Statistical suites (benchmarks): the gated
/// metrics of all of them are Holm-adjusted together, so gating many suites does not multiply
/// false alarms, and a suite fails on a significant drop of at least its margin or on a floor.
/// Test-case suites: see <see cref="CaseGate"/>; their metric is shown, not tested. In both, too
/// many errored, missing or invalid samples make the suite inconclusive.
/// </summary>
public static class Gate
{
    public static GateResult Evaluate(Comparison comparison, IReadOnlyDictionary<string, GateSettings> settings)
    {
        var gated = comparison.Suites
            .Select(s => (Suite: s, Settings: settings.GetValueOrDefault(s.Suite) ?? GateSettings.Default))
            .Select(x => (x.Suite, x.Settings, Metric: x.Suite.Metrics.FirstOrDefault(m => m.Metric == (x.Settings.Metric ?? x.Suite.Metrics.FirstOrDefault()?.Metric))))
            .ToList();
        var tested = gated.Where(g => g.Metric is not null && !ByCases(g.Suite, g.Settings)).ToList();
        var adjusted = MultipleTesting.Holm([.. tested.Select(g => g.Metric!.PValueRegression)]);
        var adjustedByMetric = new Dictionary<MetricComparison, double>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < tested.Count; i++)
        {
            adjustedByMetric[tested[i].Metric!] = adjusted[i];
        }

        var suites = new List<SuiteComparison>();
        var verdicts = new List<SuiteVerdict>();
        foreach (var (suite, gate, metric) in gated)
        {
            var adjustedMetric = metric is null ? null : metric with { PAdjusted = adjustedByMetric.GetValueOrDefault(metric, metric.PValueRegression) };
            var updated = suite with { Metrics = [.. suite.Metrics.Select(m => ReferenceEquals(m, metric) ? adjustedMetric! : m)] };
            suites.Add(updated);
            var decided = VerdictAdjustments.WithDefinitionChange(Decide(updated, gate, adjustedMetric), updated.DefinitionChange);
            var budgeted = VerdictAdjustments.WithBudgetStop(decided, updated.BudgetStop);
            var identified = VerdictAdjustments.WithIdentityChange(budgeted, updated.IdentityChange);
            var (verdict, reasons) = VerdictAdjustments.WithGraderAgreement(
                VerdictAdjustments.WithPairwise(identified, updated.Pairwise), updated.GraderAgreement);
            if (updated.Reused is { Canary.Passed: false } failed)
            {
                var line =
                    $"the reused base failed its canary: {failed.Canary!.Describe()} (reuse: fallback: inconclusive)";
                (verdict, reasons) = (Verdict.Inconclusive, [line, .. reasons]);
            }

            if (updated.Reused is { } reused)
            {
                reasons = [.. reasons, ReusedLine(reused)];
            }

            verdicts.Add(new SuiteVerdict(updated, adjustedMetric, gate, verdict, reasons) { Mode = GateModes.Effective(gate, suite.Kind) });
        }

        var overall = verdicts.Count == 0 ? Verdict.Inconclusive : verdicts.Max(v => v.Verdict);
        return new GateResult(comparison with { Suites = suites }, verdicts, overall);
    }

    /// <summary>Whether the suite is judged case by case: cases mode, and cases paired with a base.</summary>
    private static bool ByCases(SuiteComparison suite, GateSettings gate) =>
        GateModes.Effective(gate, suite.Kind) == GateMode.Cases && suite.Cases is not null;

    /// <summary>
    /// The gate of a head run with no base: every suite says so; with <see cref="NoBase.Required"/>
    /// every suite and the overall verdict are inconclusive, otherwise nothing fails (verdict none).
    /// </summary>
    public static GateResult WithoutBase(GateResult result, NoBase noBase)
    {
        var reason = $"no base results: {noBase.Reason}";
        var suites = result.Suites.Select(s => noBase.Required && s.Verdict < Verdict.Inconclusive
            ? s with { Verdict = Verdict.Inconclusive, Reasons = [reason] }
            : s with { Reasons = [reason, .. s.Reasons.Where(r => !r.StartsWith("new suite:", StringComparison.Ordinal))] }).ToList();
        var overall = noBase.Required ? Verdict.Inconclusive : suites.Count == 0 ? Verdict.Pass : suites.Max(s => s.Verdict);
        return result with { Suites = suites, Overall = overall, NoBase = noBase };
    }

    private static (Verdict, List<string>) Decide(SuiteComparison suite, GateSettings gate, MetricComparison? metric)
    {
        if (Suites.SuiteKinds.Find(suite.Kind)?.Decide(suite, gate) is { } decided)
        {
            return decided;
        }

        var fail = new List<string>();
        var inconclusive = new List<string>();
        var warn = new List<string>();
        var pass = new List<string>();

        if (suite.HeadCounts.Items == 0)
        {
            inconclusive.Add("the suite has no results in the head run");
        }
        else if (suite.BaseCounts.Items == 0)
        {
            pass.Add("new suite: no base run to compare with");
        }

        foreach (var (side, counts) in new[] { ("base", suite.BaseCounts), ("head", suite.HeadCounts) })
        {
            if (counts.Items > 0 && counts.ErrorRate > gate.MaxErrorRate)
            {
                inconclusive.Add(Text($"{side}: {counts.ErrorRate:P1} of samples errored or missing (cap {gate.MaxErrorRate:P1})"));
            }

            if (counts.Items > 0 && counts.InvalidRate > gate.MaxInvalidRate)
            {
                inconclusive.Add(Text($"{side}: {counts.InvalidRate:P1} of answers could not be extracted (cap {gate.MaxInvalidRate:P1})"));
            }
        }

        var byCases = ByCases(suite, gate);
        if (byCases)
        {
            CaseGate.Decide(suite, gate, fail, warn, pass);
        }
        else if (suite.CaseOutcomes.Count > 0)
        {
            // A statistical test-case suite, or a new one (no base to pair with): critical failures still fail.
            CaseGate.Critical(suite, gate, fail);
            var failing = suite.CaseOutcomes.Count(o => o.HeadRate < 1 && !o.Unreviewed && !CaseGate.IsCritical(o, gate));
            if (suite.BaseCounts.Items == 0 && failing > 0)
            {
                warn.Add($"{failing} {(failing == 1 ? "case fails" : "cases fail")} on head in this new suite (no base to tell new failures from old)");
            }
        }

        if (metric is not null && byCases)
        {
            // Shown for the trend, not tested: a case that newly fails is the regression here.
            pass.Add(Text($"{metric.Metric}: {metric.Delta * 100:+0.00;-0.00;0.00} pts (not gated: this suite gates case by case)"));
            if (gate.Min is { } min && metric.Head < min)
            {
                fail.Add(Text($"{metric.Metric} {metric.Head:0.0000} is below the floor {min:0.0000}"));
            }
            else if (gate.WarnMin is { } warnMin && metric.Head < warnMin)
            {
                warn.Add(Text($"{metric.Metric} {metric.Head:0.0000} is below the warning level {warnMin:0.0000}"));
            }
        }
        else if (metric is not null)
        {
            var drop = -metric.Delta * 100;
            var significant = metric.PAdjusted < gate.Alpha;
            var stats = Text($"{metric.Delta * 100:+0.00;-0.00;0.00} pts, {Interval(metric)}, {P(metric.PAdjusted)}");
            if (gate.Min is { } min && metric.Head < min)
            {
                fail.Add(Text($"{metric.Metric} {metric.Head:0.0000} is below the floor {min:0.0000}"));
            }
            else if (gate.WarnMin is { } warnMin && metric.Head < warnMin)
            {
                warn.Add(Text($"{metric.Metric} {metric.Head:0.0000} is below the warning level {warnMin:0.0000}"));
            }

            if (gate.MaxNewlyFailing is { } allowed && metric.Regressions > allowed)
            {
                fail.Add(Text($"{metric.Regressions} item(s) newly failing on {metric.Metric} (at most {allowed} allowed)"));
            }

            if (drop >= gate.MaxDrop && significant)
            {
                fail.Add(Text($"{metric.Metric} dropped {drop:0.00} pts (margin {gate.MaxDrop:0.00}), significant at {gate.Alpha}: {stats}"));
            }
            else if (drop >= gate.WarnDrop && significant)
            {
                warn.Add(Text($"{metric.Metric} dropped {drop:0.00} pts (warn at {gate.WarnDrop:0.00}), significant at {gate.Alpha}: {stats}"));
            }
            else
            {
                pass.Add(Text($"{metric.Metric}: {stats}{(drop >= gate.MaxDrop ? " (a drop past the margin, but not significant)" : "")}"));
            }
        }
        else if (byCases && suite.CaseOutcomes.Count > 0 && suite.CaseOutcomes.All(o => o.Unreviewed))
        {
            // Only unreviewed cases: nothing to gate, by design (the case gate said so above).
        }
        else if (suite.BaseCounts.Items > 0 && suite.HeadCounts.Items > 0)
        {
            inconclusive.Add($"no metric to gate{(gate.Metric is null ? "" : $" (configured: {gate.Metric})")}");
        }

        // Floors need a compared metric; a new suite (no base) has none, like `min`.
        var floors = suite.BaseCounts.Items > 0 && suite.HeadCounts.Items > 0 ? gate.Floors : null;
        foreach (var (name, floor) in floors ?? new Dictionary<string, double>())
        {
            if (suite.Metrics.FirstOrDefault(m => m.Metric == name) is not { } floored)
            {
                inconclusive.Add($"no metric '{name}' to check against its floor");
            }
            else if (floored.Head < floor)
            {
                fail.Add(Text($"{name} {floored.Head:0.0000} is below the floor {floor:0.0000}"));
            }
        }

        var also = suite.BaseCounts.Items > 0 && suite.HeadCounts.Items > 0 && !byCases ? gate.Also ?? [] : [];
        foreach (var name in also)
        {
            if (suite.Metrics.FirstOrDefault(m => m.Metric == name) is not { } extra)
            {
                inconclusive.Add($"no metric '{name}' to test for a regression");
                continue;
            }

            var p = Math.Min(1, extra.PValueRegression * (also.Count + 1));
            var extraDrop = -extra.Delta * 100;
            var line = Text($"{name} dropped {extraDrop:0.00} pts, p={p:0.####} (Bonferroni over {also.Count + 1} metrics)");
            if (p < gate.Alpha && extraDrop >= gate.MaxDrop)
            {
                fail.Add(line);
            }
            else if (p < gate.Alpha && extraDrop >= gate.WarnDrop)
            {
                warn.Add(line);
            }
        }

        if (suite.Pairing == Pairing.Unpaired && suite.BaseCounts.Items > 0 && suite.HeadCounts.Items > 0)
        {
            pass.Add($"compared unpaired because {string.Join(", ", suite.Changes)}");
        }

        return fail.Count > 0 ? (Verdict.Fail, [.. fail, .. inconclusive, .. warn])
            : inconclusive.Count > 0 ? (Verdict.Inconclusive, [.. inconclusive, .. warn, .. pass])
            : warn.Count > 0 ? (Verdict.Warn, [.. warn, .. pass])
            : (Verdict.Pass, pass);
    }

    /// <summary>
    /// A changed definition, prompt template or dataset, per the suite's `on_definition_change`:
    /// fail fails the suite, warn makes a pass a warning, accept only lists the change.
    /// </summary>
    /// <summary>The line every output names for a suite head copied instead of running.</summary>
    public static string ReusedLine(Results.ReusedRun reused) =>
        $"{reused.Summary()} "
        + Text($"(run {reused.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; {reused.Reason})")
        + (reused.Canary is { } canary ? $"; {canary.Describe()}" : "");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>"95% CI [-1.20, +3.40]"; "no item changed" rather than a zero-width [0.00, 0.00].</summary>
    private static string Interval(MetricComparison m) =>
        m is { Regressions: 0, Improvements: 0, CiLow: 0, CiHigh: 0 }
            ? "no item changed"
            : Text($"95% CI [{m.CiLow * 100:+0.00;-0.00;0.00}, {m.CiHigh * 100:+0.00;-0.00;0.00}]");

    /// <summary>"p=0.0312", "p<0.0001" (never "p=0").</summary>
    private static string P(double p) => p < 0.0001 ? "p<0.0001" : Text($"p={p:0.####}");
}
