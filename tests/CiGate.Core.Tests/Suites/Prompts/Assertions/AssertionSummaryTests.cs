using CiGate.Core.Suites.Prompts.Assertions;

namespace CiGate.Core.Tests.Suites.Prompts.Assertions;

public sealed class AssertionSummaryTests
{
    private static AssertionResult Result(bool pass, double score, double weight = 1, bool error = false, string type = "contains") =>
        new(type, null, pass, score, weight, pass ? "ok" : "failed", error);

    [Fact]
    public void Without_a_threshold_every_assertion_must_pass()
    {
        var failing = Result(false, 0, type: "regex");

        var all = AssertionSummary.Combine([Result(true, 1), Result(true, 1)]);
        var one = AssertionSummary.Combine([Result(true, 1), failing, Result(false, 0)]);

        Assert.Equal((true, 1.0, null), all);
        Assert.False(one.Pass);
        Assert.Equal(1.0 / 3, one.Score, 9);
        Assert.Same(failing, one.FirstFailure);
    }

    [Fact]
    public void With_a_threshold_the_weighted_mean_must_reach_it()
    {
        // (1 * 3 + 0 * 1) / 4 = 0.75
        AssertionResult[] results = [Result(true, 1, weight: 3), Result(false, 0, weight: 1)];

        var reached = AssertionSummary.Combine(results, threshold: 0.75);
        var missed = AssertionSummary.Combine(results, threshold: 0.8);

        Assert.True(reached.Pass);
        Assert.Equal(0.75, reached.Score, 9);
        Assert.NotNull(reached.FirstFailure); // still named, for the report
        Assert.False(missed.Pass);
    }

    [Fact]
    public void An_error_fails_the_case_whatever_the_threshold()
    {
        var error = Result(false, 0, weight: 0.01, error: true, type: "cost");

        var combined = AssertionSummary.Combine([Result(false, 0), error, Result(true, 1, weight: 100)], threshold: 0.1);

        Assert.False(combined.Pass);
        Assert.Same(error, combined.FirstFailure);
    }

    [Fact]
    public void A_failing_assertion_with_weight_zero_does_not_fail_the_case()
    {
        // promptfoo 0.121 runAssertion: "If weight is 0, treat this as a metric-only assertion that
        // can't fail" (pass forced to true); its score still enters the mean with weight 0.
        var reportOnly = Result(false, 0, weight: 0);

        var combined = AssertionSummary.Combine([Result(true, 1), reportOnly]);
        var alone = AssertionSummary.Combine([reportOnly]);
        var allZero = AssertionSummary.Combine([Result(true, 1, weight: 0)]);

        Assert.Equal((true, 1.0, null), combined);
        Assert.Equal((true, 0.0, null), alone); // no weight at all: score 0, nothing failed
        Assert.Equal((true, 0.0, null), allZero);
    }

    [Fact]
    public void Weight_zero_does_not_hide_a_weighted_failure()
    {
        var weighted = Result(false, 0, weight: 2, type: "regex");

        var combined = AssertionSummary.Combine([Result(false, 0, weight: 0), weighted, Result(true, 1)]);

        Assert.False(combined.Pass);
        Assert.Equal(1.0 / 3, combined.Score, 9); // (0·0 + 0·2 + 1·1) / 3
        Assert.Same(weighted, combined.FirstFailure);
    }

    [Theory]
    // Weighted mean sum(w·s)/sum(w) against the threshold (score >= threshold passes).
    [InlineData(new[] { 1.0, 0.0 }, new[] { 2.0, 1.0 }, 0.66, true)]   // 2/3 = 0.667
    [InlineData(new[] { 1.0, 0.0 }, new[] { 2.0, 1.0 }, 0.67, false)]
    [InlineData(new[] { 0.5, 1.0, 0.0 }, new[] { 1.0, 1.0, 2.0 }, 0.375, true)] // 1.5/4 = 0.375: equal passes
    [InlineData(new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 }, 1.0, true)]    // the weight-0 failure is not counted
    [InlineData(new[] { 0.0, 0.0 }, new[] { 1.0, 1.0 }, 0.0, true)]    // threshold 0: collect scores, never fail
    public void A_test_threshold_overrides_single_failures(double[] scores, double[] weights, double threshold, bool pass)
    {
        var results = scores.Select((s, i) => Result(s >= 1, s, weights[i])).ToList();

        var combined = AssertionSummary.Combine(results, threshold);

        Assert.Equal(pass, combined.Pass);
    }

    [Fact]
    public void No_assertions_pass()
    {
        Assert.Equal((true, 1.0, null), AssertionSummary.Combine([]));
    }
}
