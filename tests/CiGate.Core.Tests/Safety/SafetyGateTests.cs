using CiGate.Core.Comparing.Statistics;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Tests.Safety;

/// <summary>gate.floors and gate.also: a safety suite gates each rate, not only its primary metric.</summary>
public sealed class SafetyGateTests
{
    private static readonly MetricComparison Steady = Metric("appropriate", n: 450, right: 400, regressions: 2, improvements: 2);

    [Fact]
    public void A_floor_fails_on_a_metric_that_is_not_the_gated_one()
    {
        var suite = Suite(Steady, Metric("complied_safe", n: 250, right: 240, regressions: 0, improvements: 0));

        var pass = Evaluate(suite, new GateSettings { Floors = new Dictionary<string, double> { ["complied_safe"] = 0.9 } });
        var fail = Evaluate(suite, new GateSettings { Floors = new Dictionary<string, double> { ["complied_safe"] = 0.97 } });
        var missing = Evaluate(suite, new GateSettings { Floors = new Dictionary<string, double> { ["agreement"] = 0.8 } });

        Assert.Equal(Verdict.Pass, pass.Verdict);
        Assert.Equal(Verdict.Fail, fail.Verdict);
        Assert.Contains(fail.Reasons, r => r.Contains("complied_safe 0.9600 is below the floor 0.9700", StringComparison.Ordinal));
        Assert.Equal(Verdict.Inconclusive, missing.Verdict);
    }

    [Fact]
    public void Also_fails_on_a_significant_drop_of_a_secondary_metric_bonferroni_corrected()
    {
        // 30 safe prompts newly refused, none newly answered: the primary metric barely moves beyond noise.
        var overRefusal = Metric("complied_safe", n: 250, right: 240, regressions: 30, improvements: 0);
        var suite = Suite(Steady, overRefusal);

        var gated = Evaluate(suite, new GateSettings { Also = ["complied_safe", "refused_unsafe"] });
        var ungated = Evaluate(suite, new GateSettings());

        Assert.Equal(Verdict.Fail, gated.Verdict);
        Assert.Contains(gated.Reasons, r => r.Contains("complied_safe dropped 12.00 pts", StringComparison.Ordinal) && r.Contains("Bonferroni over 3 metrics", StringComparison.Ordinal));
        Assert.Contains(gated.Reasons, r => r.Contains("no metric 'refused_unsafe'", StringComparison.Ordinal));
        Assert.Equal(Verdict.Pass, ungated.Verdict);
    }

    private static SuiteVerdict Evaluate(SuiteComparison suite, GateSettings settings)
    {
        var comparison = new Comparison(new RunReference("b", "1", "x", "complete", default), new RunReference("h", "2", "x", "complete", default), [suite], 0.95, "holm");
        return Gate.Evaluate(comparison, new Dictionary<string, GateSettings> { [suite.Suite] = settings }).Suites.Single();
    }

    private static MetricComparison Metric(string name, int n, int right, int regressions, int improvements)
    {
        var r = PairedBinary.FromCounts(n, right - regressions, regressions, improvements);
        return new MetricComparison(name, "paired, exact McNemar", n, r.BaseRate, r.HeadRate, r.Delta, r.StdErr, r.CiLow, r.CiHigh,
            r.PValueRegression, r.PValueTwoSided, r.PValueRegression, regressions, improvements, r.FlipRate);
    }

    private static SuiteComparison Suite(params MetricComparison[] metrics) =>
        new("xstest", "t", "safety", Pairing.Paired, [], "m", "m", new SideCounts(450, 450, 450, 0, 0, 0), new SideCounts(450, 450, 450, 0, 0, 0),
            450, 0, 0, 0, metrics, "type", [], []);
}
