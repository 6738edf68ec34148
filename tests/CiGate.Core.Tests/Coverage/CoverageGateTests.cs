using CiGate.Core.Config;
using CiGate.Core.Coverage;
using CiGate.Core.Gating;

namespace CiGate.Core.Tests.Coverage;

/// <summary>The <c>coverage: { min, warn_min }</c> gate: fail below min, warn below warn_min, pass at the floor.</summary>
public sealed class CoverageGateTests
{
    [Theory]
    [InlineData(0.59, "fail", "coverage 59.0% is below min 60.0%")]
    [InlineData(0.6, "warn", "coverage 60.0% is below warn_min 70.0%")]
    [InlineData(0.69, "warn", "coverage 69.0% is below warn_min 70.0%")]
    [InlineData(0.7, "pass", "coverage 70.0% meets min 60.0%")]
    public void Min_fails_and_warn_min_warns(double coverage, string verdict, string reason)
    {
        // act
        var result = CoverageGate.Evaluate(new CoverageGateSettings(0.6, 0.7), coverage);

        // assert
        Assert.Equal(verdict, result.Name);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Warn_min_alone_never_fails()
    {
        // act
        var low = CoverageGate.Evaluate(new CoverageGateSettings(null, 0.5), 0);
        var high = CoverageGate.Evaluate(new CoverageGateSettings(null, 0.5), 0.5);

        // assert
        Assert.Equal(Verdict.Warn, low.Verdict);
        Assert.Equal(Verdict.Pass, high.Verdict);
        Assert.Equal("coverage 50.0% meets warn_min 50.0%", high.Reason);
    }
}
