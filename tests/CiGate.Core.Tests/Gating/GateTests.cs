using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Tests.Gating;

public sealed class GateTests
{
    [Fact]
    public void A_significant_drop_past_the_margin_fails()
    {
        // 1,000 items, b = 60 regressions, c = 20 improvements: delta −4 pts, McNemar p ≈ 5e-6.
        var result = Gate.Evaluate(Compare(Binary(1000, regressions: 60, improvements: 20)), NoSettings);

        Assert.Equal(Verdict.Fail, result.Overall);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("dropped 4.00 pts", result.Suites.Single().Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_drop_below_the_margin_warns_and_a_large_insignificant_one_passes()
    {
        // 10,000 items, b = 120, c = 50: −0.7 pts, p tiny → warn (0.5 ≤ drop < 1.0).
        Assert.Equal(Verdict.Warn, Gate.Evaluate(Compare(Binary(10_000, 120, 50)), NoSettings).Overall);
        // 100 items, b = 3, c = 1: −2 pts but p = 0.3125 → pass, and the reason says it was not significant.
        var pass = Gate.Evaluate(Compare(Binary(100, 3, 1)), NoSettings);
        Assert.Equal(Verdict.Pass, pass.Overall);
        Assert.Contains("not significant", pass.Suites.Single().Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_floor_fails_even_without_a_drop()
    {
        var settings = new Dictionary<string, GateSettings> { ["s0"] = new(Min: 0.9) };
        var result = Gate.Evaluate(Compare(Binary(100, 0, 0, baseRight: 80)), settings);

        Assert.Equal(Verdict.Fail, result.Overall);
        Assert.Contains("below the floor", result.Suites.Single().Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_errors_are_inconclusive_never_pass()
    {
        var suite = Suite("s0", Binary(100, 0, 0)) with { HeadCounts = new SideCounts(100, 100, 90, 10, 0, 0) };
        var result = Gate.Evaluate(Comparison([suite]), NoSettings);

        Assert.Equal(Verdict.Inconclusive, result.Overall);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public void Holm_adjusts_the_gated_p_values_across_suites()
    {
        // Suite s0: b = 135, c = 105 on 2,000 items, a 1.5-point drop with one-sided p ≈ 0.03;
        // s1: no change. Holm doubles the smaller p to ≈ 0.06, so s0 no longer fails at 0.05.
        var a = Binary(2000, 135, 105);
        var b = Binary(2000, 10, 10);
        var result = Gate.Evaluate(Comparison([Suite("s0", a), Suite("s1", b)]), NoSettings);

        var adjusted = result.Suites[0].Gated!.PAdjusted;
        Assert.Equal(Math.Min(1, 2 * a.PValueRegression), adjusted, 12);
        Assert.Equal(Verdict.Pass, result.Suites[0].Verdict);
        Assert.True(a.PValueRegression < 0.05 && a.Delta <= -0.01, "unadjusted, this suite would have failed");
        Assert.True(adjusted > 0.05);
    }

    private static readonly Dictionary<string, GateSettings> NoSettings = [];

    private static MetricComparison Binary(int n, int regressions, int improvements, int? baseRight = null)
    {
        var right = baseRight ?? (int)(n * 0.7);
        var r = CiGate.Core.Comparing.Statistics.PairedBinary.FromCounts(n, right - regressions, regressions, improvements);
        return new MetricComparison("exact_match,f", "paired, exact McNemar", n, r.BaseRate, r.HeadRate, r.Delta, r.StdErr, r.CiLow, r.CiHigh,
            r.PValueRegression, r.PValueTwoSided, r.PValueRegression, regressions, improvements, r.FlipRate);
    }

    private static Comparison Compare(MetricComparison metric) => Comparison([Suite("s0", metric)]);

    private static SuiteComparison Suite(string name, MetricComparison metric) =>
        new(name, "t", "accuracy", Pairing.Paired, [], "m", "m", new SideCounts(metric.N, metric.N, metric.N, 0, 0, 0), new SideCounts(metric.N, metric.N, metric.N, 0, 0, 0),
            metric.N, 0, 0, 0, [metric], null, [], []);

    private static Comparison Comparison(IReadOnlyList<SuiteComparison> suites) =>
        new(new RunReference("b", "1", "x", "complete", default), new RunReference("h", "2", "x", "complete", default), suites, 0.95, "holm");
}
