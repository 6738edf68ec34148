using CiGate.Core.Suites.Shared;

namespace CiGate.Core.Tests.Suites.Shared;

public sealed class AggregateTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Mean_of_binary_scores_uses_the_sample_standard_deviation()
    {
        // mean = 3/4 = 0.75; squared deviations 0.0625 + 0.5625 + 0.0625 + 0.0625 = 0.75;
        // sample variance = 0.75 / 3 = 0.25, sd = 0.5; stderr = 0.5 / √4 = 0.25.
        var value = Aggregate.Mean([1.0, 0.0, 1.0, 1.0]);

        Assert.Equal(0.75, value.Mean, Tolerance);
        Assert.Equal(0.25, value.StdErr, Tolerance);
        Assert.Equal(4, value.N);
    }

    [Fact]
    public void Mean_of_real_values()
    {
        // mean = 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; variance = 32/7;
        // stderr = √(32/7) / √8 = √(4/7) ≈ 0.7559289460.
        var value = Aggregate.Mean([2.0, 4, 4, 4, 5, 5, 7, 9]);

        Assert.Equal(5.0, value.Mean, Tolerance);
        Assert.Equal(Math.Sqrt(4.0 / 7.0), value.StdErr, Tolerance);
        Assert.Equal(8, value.N);
    }

    [Fact]
    public void A_single_item_has_zero_stderr()
    {
        Assert.Equal(new MetricValue(1.0, 0.0, 1), Aggregate.Mean([1.0]));
    }

    [Fact]
    public void Identical_values_have_zero_stderr()
    {
        Assert.Equal(new MetricValue(0.0, 0.0, 3), Aggregate.Mean([0.0, 0.0, 0.0]));
    }

    [Fact]
    public void No_items_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => Aggregate.Mean([]));
    }

    [Fact]
    public void ByGroup_separates_micro_and_macro_on_unequal_group_sizes()
    {
        // math = [1, 1, 1, 0]: mean 0.75, stderr 0.25 (as above).
        // law  = [0, 1]:       mean 0.5, variance (0.25 + 0.25) / 1 = 0.5, stderr √0.5 / √2 = 0.5.
        string[] groups = ["math", "law", "math", "math", "law", "math"];
        double[] values = [1, 0, 1, 1, 1, 0];

        var result = Aggregate.ByGroup(groups, values);

        // Ordinal name order.
        Assert.Equal(["law", "math"], result.Groups.Select(g => g.Group));
        AssertValue(0.5, 0.5, 2, result.Groups[0].Value);
        Assert.Equal(0.75, result.Groups[1].Value.Mean, Tolerance);
        Assert.Equal(0.25, result.Groups[1].Value.StdErr, Tolerance);

        // micro mean = 4/6. lm-eval's pooled stderr: Σ (n−1)·se²·n = 1·0.25·2 + 3·0.0625·4 = 1.25;
        // / (N − G) = 1.25 / 4 = 0.3125; stderr = √(0.3125 / 6) ≈ 0.2282177.
        Assert.Equal(4.0 / 6.0, result.Micro.Mean, Tolerance);
        Assert.Equal(Math.Sqrt(0.3125 / 6), result.Micro.StdErr, Tolerance);
        Assert.Equal(6, result.Micro.N);

        // macro mean = (0.5 + 0.75) / 2 = 0.625; stderr = √(0.5² + 0.25²) / 2 = √0.3125 / 2 ≈ 0.2795085.
        Assert.Equal(0.625, result.Macro.Mean, Tolerance);
        Assert.Equal(Math.Sqrt(0.3125) / 2, result.Macro.StdErr, Tolerance);
        Assert.Equal(6, result.Macro.N);
    }

    [Fact]
    public void ByGroup_orders_groups_ordinally()
    {
        var result = Aggregate.ByGroup(["beta", "alpha", "Alpha", "beta"], [1, 0, 1, 0]);

        Assert.Equal(["Alpha", "alpha", "beta"], result.Groups.Select(g => g.Group));
        Assert.Equal([1, 1, 2], result.Groups.Select(g => g.Value.N));
    }

    [Fact]
    public void ByGroup_with_one_item_per_group_falls_back_to_the_plain_stderr()
    {
        // Pooled within-group variance is undefined with singletons (N − G = 0): use the plain
        // stderr of [1, 0] = √0.5 / √2 = 0.5. Each group's stderr is 0, so macro's is 0.
        var result = Aggregate.ByGroup(["a", "b"], [1, 0]);

        AssertValue(0.5, 0.5, 2, result.Micro);
        AssertValue(0.5, 0.0, 2, result.Macro);
    }

    [Fact]
    public void ByGroup_with_a_single_group_equals_the_plain_mean()
    {
        double[] values = [1, 0, 1, 1];

        var result = Aggregate.ByGroup(["x", "x", "x", "x"], values);

        var plain = Aggregate.Mean(values);
        Assert.Equal(plain.Mean, result.Micro.Mean, Tolerance);
        Assert.Equal(plain.StdErr, result.Micro.StdErr, Tolerance);
        Assert.Equal(plain.StdErr, result.Macro.StdErr, Tolerance);
    }

    [Fact]
    public void ByGroup_rejects_mismatched_lengths()
    {
        Assert.Throws<ArgumentException>(() => Aggregate.ByGroup(["a"], [1, 0]));
    }

    private static void AssertValue(double mean, double stdErr, int n, MetricValue actual)
    {
        Assert.Equal(mean, actual.Mean, Tolerance);
        Assert.Equal(stdErr, actual.StdErr, Tolerance);
        Assert.Equal(n, actual.N);
    }
}
