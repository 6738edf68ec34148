using MathNet.Numerics;

namespace CiGate.Core.Tests.Comparing.Statistics;

// McNemar takes its binomial tails from MathNet's regularised incomplete beta: P(X ≥ k) =
// I_p(k, n − k + 1) and P(X ≤ k) = I_(1−p)(n − k, k + 1), each tail computed as itself. These rows
// pin that function's accuracy far beyond McNemar's sizes. Its log-gamma difference cancels as n
// grows: measured relative errors reach 1.8e-10 at n = 1e5 and 1.5e-9 at n = 1e6 (the hand-written
// saddle-point code it replaced held 1e-11; a p-value needs three digits). Reference values: SciPy
// 1.10.1 (Debian bookworm python3-scipy), each from the expression in the row's comment after
// `from scipy.stats import binom`. binom.sf(k - 1, n, p) is P(X ≥ k).
public sealed class BinomialTests
{
    private static double UpperTail(int k, int n, double p) =>
        k <= 0 ? 1 : k > n ? 0 : SpecialFunctions.BetaRegularized(k, n - k + 1.0, p);

    private static double Pmf(int k, int n, double p) => MathNet.Numerics.Distributions.Binomial.PMF(p, n, k);

    private static double LowerTail(int k, int n, double p) =>
        k < 0 ? 0 : k >= n ? 1 : SpecialFunctions.BetaRegularized(n - k, k + 1.0, 1 - p);

    [Theory]
    [InlineData(50500, 0.5, 0.0007911799394257582)] // binom.sf(50499, 100000, 0.5)
    [InlineData(49500, 0.5, 0.9992258201845774)] // binom.sf(49499, 100000, 0.5)
    [InlineData(50000, 0.5, 0.501261563107098)] // binom.sf(49999, 100000, 0.5)
    [InlineData(51500, 0.5, 1.2192132156714725e-21)] // binom.sf(51499, 100000, 0.5)
    [InlineData(30500, 0.3, 0.00028879676519184323)] // binom.sf(30499, 100000, 0.3)
    [InlineData(29000, 0.3, 0.9999999999978358)] // binom.sf(28999, 100000, 0.3)
    [InlineData(1200, 0.01, 3.812533101214304e-10)] // binom.sf(1199, 100000, 0.01)
    [InlineData(900, 0.01, 0.9994109510545188)] // binom.sf(899, 100000, 0.01)
    [InlineData(99990, 0.9999, 0.5830397502973912)] // binom.sf(99989, 100000, 0.9999)
    public void UpperTail_n100000_matches_scipy(int k, double p, double expected)
    {
        Approx.Relative(expected, UpperTail(k, 100_000, p), 1e-9);
    }

    [Theory]
    [InlineData(50500, 0.5, 0.9992258201845774)] // binom.cdf(50500, 100000, 0.5)
    [InlineData(49500, 0.5, 0.0007911799394257582)] // binom.cdf(49500, 100000, 0.5)
    [InlineData(50000, 0.5, 0.501261563107098)] // binom.cdf(50000, 100000, 0.5)
    [InlineData(29000, 0.3, 2.272974109609871e-12)] // binom.cdf(29000, 100000, 0.3)
    [InlineData(900, 0.01, 0.0006608413334501396)] // binom.cdf(900, 100000, 0.01)
    [InlineData(99990, 0.9999, 0.5420765413843014)] // binom.cdf(99990, 100000, 0.9999)
    public void LowerTail_n100000_matches_scipy(int k, double p, double expected)
    {
        Approx.Relative(expected, LowerTail(k, 100_000, p), 1e-9);
    }

    [Theory]
    [InlineData(500_000, 0.5, 0.5003989421806669)] // binom.sf(499999, 1000000, 0.5)
    [InlineData(501_000, 0.5, 0.022804149932694757)] // binom.sf(500999, 1000000, 0.5)
    [InlineData(300, 0.0003, 0.5076812434721985)] // binom.sf(299, 1000000, 0.0003)
    public void UpperTail_n1000000_matches_scipy(int k, double p, double expected)
    {
        Approx.Relative(expected, UpperTail(k, 1_000_000, p), 5e-9);
    }

    [Fact]
    public void Small_n_by_hand()
    {
        // Bin(3, ½): masses 1/8, 3/8, 3/8, 1/8.
        Assert.Equal(0.125, Pmf(0, 3, 0.5), 1e-15);
        Assert.Equal(0.375, Pmf(2, 3, 0.5), 1e-15);
        Assert.Equal(0.5, UpperTail(2, 3, 0.5), 1e-14);
        Assert.Equal(0.875, LowerTail(2, 3, 0.5), 1e-14);

        // P(X ≤ 0) for Bin(10, 0.3) = 0.7^10 = binom.cdf(0, 10, 0.3) = 0.028247524900000005.
        Approx.Relative(0.028247524900000005, LowerTail(0, 10, 0.3), 1e-13);

        // P(X ≥ 10) for Bin(10, 0.3) = 0.3^10 = binom.sf(9, 10, 0.3).
        Approx.Relative(5.9049e-06, UpperTail(10, 10, 0.3), 1e-13);
    }

    [Fact]
    public void Tails_are_complementary_and_masses_sum_to_one()
    {
        const int n = 2000;
        const double p = 0.37;
        double total = 0;
        for (var k = 0; k <= n; k++)
        {
            total += Pmf(k, n, p);
            Assert.Equal(1.0, LowerTail(k, n, p) + UpperTail(k + 1, n, p), 1e-12);
        }

        Assert.Equal(1.0, total, 1e-12);
    }

    [Fact]
    public void Edges_and_degenerate_probabilities()
    {
        Assert.Equal(1.0, UpperTail(0, 10, 0.3));
        Assert.Equal(0.0, UpperTail(11, 10, 0.3));
        Assert.Equal(0.0, LowerTail(-1, 10, 0.3));
        Assert.Equal(1.0, LowerTail(10, 10, 0.3));
        Assert.Equal(0.0, UpperTail(1, 10, 0.0));
        Assert.Equal(1.0, UpperTail(10, 10, 1.0));
        Assert.Equal(0.0, LowerTail(9, 10, 1.0));
    }
}
