using CiGate.Core.Comparing.Statistics;
using MathNet.Numerics.Distributions;

namespace CiGate.Core.Tests.Comparing.Statistics;

// The t interval takes Student's t from MathNet.Numerics; these rows pin its accuracy.
// Reference values: SciPy 1.10.1 (Debian bookworm python3-scipy), each from the expression in
// the row's comment after `from scipy.stats import t`.
public sealed class StudentTTests
{
    [Theory]
    [InlineData(0.975, 1, 12.706204736432095)] // t.ppf(0.975, 1)
    [InlineData(0.975, 2, 4.302652729911275)] // t.ppf(0.975, 2)
    [InlineData(0.975, 3, 3.182446305284263)] // t.ppf(0.975, 3)
    [InlineData(0.975, 9, 2.2621571627409915)] // t.ppf(0.975, 9)
    [InlineData(0.975, 29, 2.045229642132703)] // t.ppf(0.975, 29)
    [InlineData(0.995, 4, 4.604094871415897)] // t.ppf(0.995, 4)
    [InlineData(0.975, 99999, 1.9599877077718446)] // t.ppf(0.975, 99999)
    [InlineData(0.025, 9, -2.262157162740992)] // t.ppf(0.025, 9)
    public void Quantile_matches_scipy(double p, double df, double expected)
    {
        Approx.Relative(expected, StudentT.InvCDF(0, 1, df, p), 1e-9);
    }

    [Theory]
    [InlineData(2.0, 5, 0.9490302605850709)] // t.cdf(2.0, 5)
    [InlineData(-1.5, 3, 0.11529193262241141)] // t.cdf(-1.5, 3)
    [InlineData(0.3, 50, 0.6172895598723485)] // t.cdf(0.3, 50)
    [InlineData(4.0, 10, 0.9987408336876317)] // t.cdf(4.0, 10)
    public void Cdf_matches_scipy(double x, double df, double expected)
    {
        Approx.Relative(expected, StudentT.CDF(0, 1, df, x), 1e-11);
    }

    [Fact]
    public void Invalid_degrees_of_freedom_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => StudentT.InvCDF(0, 1, 0, 0.975));
        Assert.Throws<ArgumentException>(() => StudentT.CDF(0, 1, -2, 1.0));
    }
}
