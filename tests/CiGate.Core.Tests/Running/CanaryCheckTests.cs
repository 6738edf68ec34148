using CiGate.Core.Comparing;
using CiGate.Core.Comparing.Statistics;
using CiGate.Core.Results;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Running;

/// <summary>The canary of a reused base: A/A-level flips pass, a drift or a new served identity does not.</summary>
public sealed class CanaryCheckTests
{
    private const string Metric = "exact_match,f";

    [Fact]
    public void No_flip_and_the_same_served_model_pass()
    {
        var result = CanaryCheck.Evaluate(Stored(), Records(30, _ => 1), Records(30, _ => 1), 0.02);

        Assert.True(result.Passed);
        Assert.Equal((30, 0, 1.0), (result.Compared, result.Flips, result.PValue));
        Assert.Equal("canary of 30 items: 0 of 30 flipped (p=1 against A/A noise of 2%), same served model", result.Describe());
    }

    [Fact]
    public void Flips_past_the_a_a_noise_fail_and_flips_within_it_pass()
    {
        var before = Records(30, _ => 1);

        var two = CanaryCheck.Evaluate(Stored(), before, Records(30, i => i < 2 ? 0 : 1), 0.02);
        var three = CanaryCheck.Evaluate(Stored(), before, Records(30, i => i < 3 ? 0 : 1), 0.02);

        Assert.True(two.Passed, two.Describe());
        Assert.False(three.Passed, three.Describe());
        Assert.Equal(0.0217, three.PValue, 4);
    }

    [Fact]
    public void A_served_model_the_reused_run_never_saw_fails_whatever_the_scores()
    {
        var swapped = Records(30, _ => 1).Select(r => r with { ServedModel = "m-2026-06" }).ToList();

        var result = CanaryCheck.Evaluate(Stored(), Records(30, _ => 1), swapped, 0.02);

        Assert.False(result.Passed);
        Assert.Equal("served model m → m-2026-06", result.IdentityChange);
    }

    [Fact]
    public void An_errored_canary_answer_counts_as_a_flip()
    {
        var canary = Records(30, _ => 1).Select((r, i) => i < 5 ? r with { Error = "HTTP 500", Scores = new Dictionary<string, double>() } : r).ToList();

        var result = CanaryCheck.Evaluate(Stored(), Records(30, _ => 1), canary, 0.02);

        Assert.Equal(5, result.Flips);
        Assert.False(result.Passed);
    }

    [Fact]
    public void The_default_canary_is_sized_for_a_twenty_percent_drift()
    {
        // 30 items, 2% allowed: 3 flips fail; the chance a 20% drift shows 3 or more is 0.96.
        Assert.True(FlipRateTest.PValue(2, 30, 0.02) >= CanaryCheck.Alpha);
        Assert.True(FlipRateTest.PValue(3, 30, 0.02) < CanaryCheck.Alpha);
        Assert.Equal(0.956, FlipRateTest.PValue(3, 30, 0.20), 3);
        Assert.Equal(1.0, FlipRateTest.PValue(0, 30, 0));
        Assert.Equal(0.0, FlipRateTest.PValue(1, 30, 0));
    }

    private static SuiteResult Stored() =>
        new("qa", "accuracy", "t", "m", ["m"], "d", "p", null,
            new ResultCounts(30, 1, 30, 30, 0, 0, 0, new Dictionary<string, int>()),
            new Dictionary<string, MetricSummary> { [Metric] = new(1, 0, 30) }, null, null, null,
            new UsageSummary(0, 0, 0, 0, 0, 0), [])
        {
            Identity = new ServedIdentity("m", ["m"], ["fp"], new ServerMetadata(null, null)),
        };

    private static List<ItemRecord> Records(int count, Func<int, double> score) =>
        [.. Enumerable.Range(0, count).Select(i => new ItemRecord
        {
            Suite = "qa",
            Target = "t",
            Item = $"i{i}",
            PromptHash = $"p{i}",
            Scores = new Dictionary<string, double> { [Metric] = score(i) },
            ServedModel = "m",
            SystemFingerprint = "fp",
        })];
}
