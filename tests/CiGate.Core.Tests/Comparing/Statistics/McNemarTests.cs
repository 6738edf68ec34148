using CiGate.Core.Comparing.Statistics;

namespace CiGate.Core.Tests.Comparing.Statistics;

// Reference values: SciPy 1.10.1 and statsmodels 0.13.5 (Debian bookworm python3-scipy,
// python3-statsmodels), each from the python expression in the row's comment, after
// `from scipy.stats import binomtest` and
// `from statsmodels.stats.contingency_tables import mcnemar`. The tails come from MathNet's
// incomplete beta, whose log-gamma difference leaves 2.5e-12 relative at 10,100 discordant items
// (measured), hence 1e-11 where the hand-written saddle-point code held 1e-12.
public sealed class McNemarTests
{
    [Theory]
    [InlineData(10, 2, 0.019287109375)] // binomtest(10, 12, 0.5, alternative='greater').pvalue
    [InlineData(2, 10, 0.996826171875)] // binomtest(2, 12, 0.5, alternative='greater').pvalue
    [InlineData(60, 40, 0.02844396682049044)] // binomtest(60, 100, 0.5, alternative='greater').pvalue
    [InlineData(600, 550, 0.07422261755136511)] // binomtest(600, 1150, 0.5, alternative='greater').pvalue
    [InlineData(5000, 5100, 0.8425486002021707)] // binomtest(5000, 10100, 0.5, alternative='greater').pvalue
    [InlineData(3, 3, 0.65625)] // binomtest(3, 6, 0.5, alternative='greater').pvalue
    [InlineData(0, 5, 1.0)] // binomtest(0, 5, 0.5, alternative='greater').pvalue
    public void ExactOneSided_matches_scipy_binomtest_greater(int b, int c, double expected)
    {
        Approx.Relative(expected, McNemar.ExactOneSided(b, c), 1e-11);
    }

    [Fact]
    public void ExactOneSided_small_cases_by_hand()
    {
        // The incomplete beta's continued fraction lands a few ulps off these exact fractions.
        // Five regressions, no improvements: all five discordant items went the bad way, (½)^5.
        Assert.Equal(1.0 / 32, McNemar.ExactOneSided(5, 0), 1e-14);

        // One regression alone: a coin flip.
        Assert.Equal(0.5, McNemar.ExactOneSided(1, 0), 1e-14);

        // 2 vs 1: P(X ≥ 2 | X ~ Bin(3, ½)) = (3 + 1) / 8.
        Assert.Equal(0.5, McNemar.ExactOneSided(2, 1), 1e-14);
    }

    [Fact]
    public void No_discordant_items_give_p_of_one()
    {
        Assert.Equal(1.0, McNemar.ExactOneSided(0, 0));
        Assert.Equal(1.0, McNemar.ExactTwoSided(0, 0)); // mcnemar([[0,0],[0,0]], exact=True).pvalue == 1.0
    }

    [Theory]
    [InlineData(10, 2, 0.03857421875)] // mcnemar([[0,10],[2,0]], exact=True).pvalue
    [InlineData(2, 10, 0.03857421875)] // mcnemar([[0,2],[10,0]], exact=True).pvalue
    [InlineData(60, 40, 0.05688793364098088)] // mcnemar([[0,60],[40,0]], exact=True).pvalue
    [InlineData(600, 550, 0.14844523510273022)] // mcnemar([[0,600],[550,0]], exact=True).pvalue
    [InlineData(5000, 5100, 0.3245815463313931)] // mcnemar([[0,5000],[5100,0]], exact=True).pvalue
    [InlineData(5, 0, 0.0625)] // mcnemar([[0,5],[0,0]], exact=True).pvalue
    [InlineData(3, 3, 1.0)] // mcnemar([[0,3],[3,0]], exact=True).pvalue (2·0.65625 capped at 1)
    public void ExactTwoSided_matches_statsmodels_mcnemar_exact(int b, int c, double expected)
    {
        Approx.Relative(expected, McNemar.ExactTwoSided(b, c), 1e-11);
    }

    [Fact]
    public void Two_sided_is_symmetric_and_one_sided_directions_add_up()
    {
        // P(X ≥ b) + P(X ≥ c) = 1 + P(X = b) when X ~ Bin(b + c, ½): the two directions overlap in one point.
        const int b = 37, c = 52;
        var pointMass = MathNet.Numerics.Distributions.Binomial.PMF(0.5, b + c, b);
        Approx.Relative(1 + pointMass, McNemar.ExactOneSided(b, c) + McNemar.ExactOneSided(c, b), 1e-13);
        Assert.Equal(McNemar.ExactTwoSided(b, c), McNemar.ExactTwoSided(c, b));
    }

    [Fact]
    public void Negative_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => McNemar.ExactOneSided(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => McNemar.ExactTwoSided(3, -1));
    }
}
