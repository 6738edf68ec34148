using MathNet.Numerics;

namespace CiGate.Core.Tests.Comparing.Statistics;

// MathNet's log-gamma sits under its Student's t and incomplete beta; these rows pin it.
public sealed class SpecialFunctionsTests
{
    // Reference values: SciPy 1.10.1, `from scipy.special import gammaln`, gammaln(x) as in each row.
    [Theory]
    [InlineData(0.5, 0.5723649429247)] // gammaln(0.5) = log(√π)
    [InlineData(3.7, 1.428072326665388)] // gammaln(3.7)
    [InlineData(10, 12.801827480081469)] // gammaln(10) = log(9!)
    [InlineData(100.5, 361.43554046777757)] // gammaln(100.5)
    [InlineData(1e6, 12815504.569147611)] // gammaln(1e6)
    [InlineData(0.1, 2.252712651734206)] // gammaln(0.1)
    public void LogGamma_matches_scipy(double x, double expected)
    {
        Approx.Relative(expected, SpecialFunctions.GammaLn(x), 1e-13);
    }

    [Fact]
    public void LogGamma_zeros_at_one_and_two()
    {
        Assert.Equal(0.0, SpecialFunctions.GammaLn(1), 1e-14);
        Assert.Equal(0.0, SpecialFunctions.GammaLn(2), 1e-14);
    }
}
