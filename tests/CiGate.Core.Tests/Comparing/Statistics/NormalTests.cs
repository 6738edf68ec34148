using CiGate.Core.Comparing.Statistics;
using MathNet.Numerics.Distributions;

namespace CiGate.Core.Tests.Comparing.Statistics;

// The comparisons take the standard normal from MathNet.Numerics; these rows pin its accuracy (a
// package upgrade that loses digits fails here, not in a report). Reference values: SciPy 1.10.1
// (Debian bookworm python3-scipy), each from the expression in the row's comment after
// `from scipy.stats import norm`.
public sealed class NormalTests
{
    [Theory]
    [InlineData(0.975, 1.959963984540054)] // norm.ppf(0.975)
    [InlineData(0.995, 2.5758293035489004)] // norm.ppf(0.995)
    [InlineData(1e-10, -6.361340902404056)] // norm.ppf(1e-10)
    [InlineData(0.025, -1.9599639845400545)] // norm.ppf(0.025)
    [InlineData(0.9, 1.2815515655446004)] // norm.ppf(0.9)
    [InlineData(0.3, -0.5244005127080409)] // norm.ppf(0.3)
    [InlineData(1e-300, -37.0470962993612)] // norm.ppf(1e-300)
    [InlineData(0.999999999999, 7.0344869100478356)] // norm.ppf(1 - 1e-12)
    public void Quantile_matches_scipy(double p, double expected)
    {
        Approx.Relative(expected, Normal.InvCDF(0, 1, p), 1e-12);
    }

    [Theory]
    [InlineData(1.959963984540054, 0.975)] // norm.cdf(1.959963984540054)
    [InlineData(-1.959963984540054, 0.025)] // norm.cdf(-1.959963984540054)
    [InlineData(0.5, 0.6914624612740131)] // norm.cdf(0.5)
    [InlineData(-0.67, 0.25142889509531013)] // norm.cdf(-0.67)
    [InlineData(0.67448975, 0.7499999999376898)] // norm.cdf(0.67448975)
    [InlineData(-3.0, 0.0013498980316300933)] // norm.cdf(-3)
    [InlineData(-10.0, 7.61985302416047e-24)] // norm.cdf(-10)
    [InlineData(5.0, 0.9999997133484281)] // norm.cdf(5)
    public void Cdf_matches_scipy(double x, double expected)
    {
        Approx.Relative(expected, Normal.CDF(0, 1, x), 1e-13);
    }

    [Fact]
    public void Deep_tail_keeps_its_relative_accuracy()
    {
        // SciPy's norm.cdf(-37) = 5.7255712225239266e-300 is off by 1e-13 (its erfc rounds x/√2
        // first); MathNet's erfc is off by 1.14e-13 the same way (measured), so the bound is 2e-13,
        // still far inside any p-value's use. Reference from Python's decimal module at 50 digits,
        // the asymptotic series
        // Φ(−x) = φ(x)/x·Σ_k (−1)^k (2k − 1)!!/x^(2k), summed while terms shrink:
        //   x = D(37); pdf = (-(x*x)/2).exp() / (2*PI).sqrt(); float(pdf / x * series) -> 5.725571222524577e-300
        Approx.Relative(5.725571222524577e-300, Normal.CDF(0, 1, -37), 2e-13);
    }

    [Fact]
    public void Center_and_ends()
    {
        Assert.Equal(0.5, Normal.CDF(0, 1, 0));
        Assert.Equal(0.0, Normal.InvCDF(0, 1, 0.5));
        Assert.Equal(double.NegativeInfinity, Normal.InvCDF(0, 1, 0));
        Assert.Equal(double.PositiveInfinity, Normal.InvCDF(0, 1, 1));
        Assert.Equal(1.0, Normal.CDF(0, 1, 40));

        // MathNet answers a probability outside [0, 1] with a number, so the product checks the
        // confidence level before asking for a critical value.
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedBinary.FromCounts(10, 5, 1, 1, confidence: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedBinary.FromCounts(10, 5, 1, 1, confidence: double.NaN));
    }

    [Fact]
    public void Quantile_inverts_cdf_across_the_range()
    {
        for (var exponent = -300; exponent <= -1; exponent += 7)
        {
            var p = Math.Pow(10, exponent);
            Approx.Relative(p, Normal.CDF(0, 1, Normal.InvCDF(0, 1, p)), 1e-12);
        }

        for (var p = 0.01; p < 1; p += 0.01)
        {
            Assert.Equal(p, Normal.CDF(0, 1, Normal.InvCDF(0, 1, p)), 1e-14);
        }
    }
}
