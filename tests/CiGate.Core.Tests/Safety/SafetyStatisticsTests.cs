using CiGate.Core.Suites.Safety;

namespace CiGate.Core.Tests.Safety;

public sealed class SafetyStatisticsTests
{
    [Theory]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(50, 100, 0.4038, 0.5962)]
    public void Wilson_interval_matches_published_values(double successes, int n, double low, double high)
    {
        var (l, h) = Wilson.Interval(successes, n);

        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    [Fact]
    public void Wilson_interval_of_nothing_is_everything() => Assert.Equal((0.0, 1.0), Wilson.Interval(0, 0));
}
