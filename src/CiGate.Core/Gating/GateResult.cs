using CiGate.Core.Comparing;
using CiGate.Core.Config;

namespace CiGate.Core.Gating;

/// <summary>The gate's decision for one suite, with the reasons a maintainer reads.</summary>
public sealed record SuiteVerdict(
    SuiteComparison Suite,
    MetricComparison? Gated,
    GateSettings Settings,
    Verdict Verdict,
    IReadOnlyList<string> Reasons)
{
    /// <summary>How the suite was judged: case by case (test-case suites) or by a paired test.</summary>
    public GateMode Mode { get; init; } = GateMode.Statistical;
}

/// <summary>Every suite's verdict and the overall one (the most severe).</summary>
public sealed record GateResult(Comparison Comparison, IReadOnlyList<SuiteVerdict> Suites, Verdict Overall)
{
    /// <summary>Set when there were no base results (see <see cref="Gate.WithoutBase"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public NoBase? NoBase { get; init; }

    /// <summary>The word scripts read: the overall verdict, or none when there was no base and none was required.</summary>
    public string VerdictName => NoBase is { Required: false } ? "none" : Overall.ToString().ToLowerInvariant();

    /// <summary>0 pass or warn, 1 gate failed, 3 inconclusive (too many errors, missing results).</summary>
    public int ExitCode => Overall switch
    {
        Verdict.Fail => Diagnostics.ExitCodes.GateFailed,
        Verdict.Inconclusive => Diagnostics.ExitCodes.Infrastructure,
        _ => Diagnostics.ExitCodes.Pass,
    };
}
