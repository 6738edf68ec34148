using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Tests.Gating;

/// <summary>
/// The gate of test-case suites (kind prompts by default): a newly failing case fails, a case
/// failing on both sides and a flaky one warn, a critical failure fails whatever base did, and
/// the statistical test is an opt-in that decides as it does for benchmarks.
/// </summary>
public sealed class CaseGateTests
{
    [Fact]
    public void Three_newly_failing_cases_fail_the_gate_where_the_paired_test_is_not_significant()
    {
        // Base passes 10 of 10, head fails 3 of them: McNemar p = 0.125, so a statistical gate passes.
        var cases = Cases(passing: 7, newlyFailing: 3);

        var byCases = Gate.Evaluate(Comparison(cases), NoSettings).Suites.Single();
        var statistical = Gate.Evaluate(Comparison(cases), Settings(new GateSettings(Mode: GateMode.Statistical))).Suites.Single();

        Assert.Equal(Verdict.Fail, byCases.Verdict);
        Assert.Equal(GateMode.Cases, byCases.Mode);
        Assert.StartsWith("3 cases newly failing (passed on base, failed on head): new-0, new-1, new-2", byCases.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(Verdict.Pass, statistical.Verdict);
        Assert.Contains("not significant", statistical.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Max_newly_failing_allows_that_many_new_failures_then_warns()
    {
        var cases = Cases(passing: 7, newlyFailing: 2);

        var allowed = Gate.Evaluate(Comparison(cases), Settings(new GateSettings(MaxNewlyFailing: 2))).Suites.Single();
        var tooMany = Gate.Evaluate(Comparison(cases), Settings(new GateSettings(MaxNewlyFailing: 1))).Suites.Single();

        Assert.Equal(Verdict.Warn, allowed.Verdict);
        Assert.Contains("within max_newly_failing 2", allowed.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, tooMany.Verdict);
        Assert.Contains("at most 1 allowed", tooMany.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_failing_on_both_sides_warns_and_is_named()
    {
        var verdict = Gate.Evaluate(Comparison(Cases(passing: 4, stillFailing: 1)), NoSettings).Suites.Single();

        Assert.Equal(Verdict.Warn, verdict.Verdict);
        Assert.Equal("1 case failing on base and head: still-0", verdict.Reasons[0]);
    }

    [Fact]
    public void A_flaky_case_warns_and_is_never_newly_failing_whichever_side_is_mixed()
    {
        // Mixed on base then failing every head repeat: flaky, not newly failing.
        var baseMixed = Outcome("flaky-base", 2.0 / 3, 0);
        var headMixed = Outcome("flaky-head", 1, 1.0 / 3);
        var verdict = Gate.Evaluate(Comparison([baseMixed, headMixed, Outcome("ok", 1, 1)]), NoSettings).Suites.Single();

        Assert.Equal(CaseStatus.Flaky, baseMixed.Status);
        Assert.Equal(CaseStatus.Flaky, headMixed.Status);
        Assert.Equal(Verdict.Warn, verdict.Verdict);
        Assert.Equal("2 cases flaky (mixed results across repeats): flaky-base, flaky-head", verdict.Reasons[0]);
    }

    [Fact]
    public void A_critical_failure_fails_even_when_base_failed_too()
    {
        var leak = Outcome("leak", 0, 0) with { CriticalFailure = "canary: found \"CANARY-7f3a9c\"" };
        var verdict = Gate.Evaluate(Comparison([leak, Outcome("ok", 1, 1)]), NoSettings).Suites.Single();

        Assert.Equal(Verdict.Fail, verdict.Verdict);
        Assert.Equal("1 case with a critical failure on head: leak", verdict.Reasons[0]);
        var named = Assert.Single(FailingCase.Of([verdict]));
        Assert.True(named.Critical);
        Assert.Equal("canary: found \"CANARY-7f3a9c\"", named.Reason);
    }

    [Fact]
    public void A_critical_failure_fails_a_statistical_test_case_suite_too()
    {
        var leak = Outcome("leak", 0, 0) with { CriticalFailure = "pii: found an email address" };
        var cases = new List<CaseOutcome>([leak, .. Cases(passing: 30)]);

        var verdict = Gate.Evaluate(Comparison(cases), Settings(new GateSettings(Mode: GateMode.Statistical))).Suites.Single();

        Assert.Equal(GateMode.Statistical, verdict.Mode);
        Assert.Equal(Verdict.Fail, verdict.Verdict);
        Assert.Equal("1 case with a critical failure on head: leak", verdict.Reasons[0]);
    }

    [Fact]
    public void A_critical_suite_fails_on_any_failing_case_and_a_flaky_one_too()
    {
        var cases = new[] { Outcome("still", 0, 0), Outcome("flaky", 1, 0.5), Outcome("ok", 1, 1) };

        var critical = Gate.Evaluate(Comparison(cases), Settings(new GateSettings { Critical = true })).Suites.Single();
        var plain = Gate.Evaluate(Comparison(cases), NoSettings).Suites.Single();

        Assert.Equal(Verdict.Fail, critical.Verdict);
        Assert.Equal("2 cases with a critical failure on head: still, flaky", critical.Reasons[0]);
        Assert.Equal(Verdict.Warn, plain.Verdict);
    }

    [Fact]
    public void Failing_cases_are_listed_newly_failing_then_still_failing_then_flaky()
    {
        var cases = new[] { Outcome("a-flaky", 1, 0.5), Outcome("b-still", 0, 0), Outcome("c-new", 1, 0), Outcome("d-ok", 1, 1), Outcome("e-fixed", 0, 1) };
        var verdict = Gate.Evaluate(Comparison(cases), NoSettings).Suites.Single();

        Assert.Equal(["c-new", "b-still", "a-flaky"], FailingCase.Of([verdict]).Select(c => c.Id));
        Assert.Equal(["newly failing", "still failing", "flaky"], FailingCase.Of([verdict]).Select(c => c.Label));
    }

    [Fact]
    public void Benchmarks_stay_statistical_and_cases_mode_suites_leave_the_holm_family()
    {
        // An accuracy suite with the same flips as a test-case suite: the test decides it, not the cases.
        var accuracy = Suite(Cases(passing: 7, newlyFailing: 3)) with { Kind = "accuracy", Suite = "bench" };
        var result = Gate.Evaluate(Comparison(Cases(passing: 10)) with { Suites = [accuracy, Suite(Cases(passing: 10))] }, NoSettings);

        Assert.Equal(GateMode.Statistical, result.Suites[0].Mode);
        Assert.Equal(Verdict.Pass, result.Suites[0].Verdict);
        // Alone in the Holm family: its p-value is not adjusted for the test-case suite beside it.
        Assert.Equal(result.Suites[0].Gated!.PValueRegression, result.Suites[0].Gated!.PAdjusted, 12);
    }

    [Fact]
    public void All_cases_passing_passes_with_the_metric_shown_but_not_tested()
    {
        var verdict = Gate.Evaluate(Comparison(Cases(passing: 5)), NoSettings).Suites.Single();

        Assert.Equal(Verdict.Pass, verdict.Verdict);
        Assert.Equal(["all 5 cases pass on head", "pass: 0.00 pts (not gated: this suite gates case by case)"], verdict.Reasons);
    }

    private static readonly Dictionary<string, GateSettings> NoSettings = [];

    private static Dictionary<string, GateSettings> Settings(GateSettings settings) => new() { ["s0"] = settings };

    private static CaseOutcome Outcome(string id, double baseRate, double headRate) =>
        new(id, $"{id} {{\"q\":1}}", baseRate, headRate, CaseOutcome.StatusOf(baseRate, headRate)) { Failure = headRate < 1 || baseRate < 1 ? "icontains: expected output to contain \"x\"" : null };

    private static List<CaseOutcome> Cases(int passing, int newlyFailing = 0, int stillFailing = 0) =>
    [
        .. Enumerable.Range(0, newlyFailing).Select(i => Outcome($"new-{i}", 1, 0)),
        .. Enumerable.Range(0, stillFailing).Select(i => Outcome($"still-{i}", 0, 0)),
        .. Enumerable.Range(0, passing).Select(i => Outcome($"ok-{i}", 1, 1)),
    ];

    private static Comparison Comparison(IReadOnlyList<CaseOutcome> cases) =>
        new(new RunReference("b", "b", "0", "complete", default), new RunReference("h", "h", "0", "complete", default), [Suite(cases)], 0.95, "holm");

    // The suite as SuiteComparer builds it: the pass metric paired (exact McNemar), the cases counted and listed.
    private static SuiteComparison Suite(IReadOnlyList<CaseOutcome> cases)
    {
        var b = cases.Select(c => c.BaseRate == 1).ToArray();
        var h = cases.Select(c => c.HeadRate == 1).ToArray();
        var r = CiGate.Core.Comparing.Statistics.PairedBinary.Compare(b, h);
        var metric = new MetricComparison("pass", "paired, exact McNemar", r.N, r.BaseRate, r.HeadRate, r.Delta, r.StdErr, r.CiLow, r.CiHigh,
            r.PValueRegression, r.PValueTwoSided, r.PValueRegression, r.Regressions, r.Improvements, r.FlipRate);
        int Count(CaseStatus status) => cases.Count(c => c.Status == status);
        var counts = new SideCounts(cases.Count, cases.Count, cases.Count, 0, 0, 0);
        return new SuiteComparison("s0", "sim", "prompts", Pairing.Paired, [], "m", "m", counts, counts, cases.Count, 0, 0, 0, [metric], null, [], [],
            new CaseCounts(Count(CaseStatus.NewlyFailing), Count(CaseStatus.NewlyPassing), Count(CaseStatus.StillFailing), Count(CaseStatus.StillPassing), Count(CaseStatus.Flaky)))
        {
            CaseOutcomes = cases,
        };
    }
}
