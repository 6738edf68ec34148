using System.Globalization;
using CiGate.Core.Gating;

namespace CiGate.Core.Coverage;

/// <summary>
/// The config's optional <c>coverage: { min, warn_min }</c> gate on <c>cigate coverage</c>: coverage (a share of
/// traffic, 0 to 1) below <see cref="Min"/> fails, below <see cref="WarnMin"/> warns, otherwise passes.
/// </summary>
public sealed record CoverageGate(double? Min, double? WarnMin)
{
    public CoverageVerdict Evaluate(double coverage)
    {
        if (Min is { } min && coverage < min)
        {
            return new CoverageVerdict(Verdict.Fail,
                Invariant($"coverage {Percent(coverage)} is below min {Percent(min)}"));
        }

        if (WarnMin is { } warnMin && coverage < warnMin)
        {
            return new CoverageVerdict(Verdict.Warn,
                Invariant($"coverage {Percent(coverage)} is below warn_min {Percent(warnMin)}"));
        }

        var floor = Min ?? WarnMin ?? 0;
        return new CoverageVerdict(Verdict.Pass, Invariant($"coverage {Percent(coverage)} meets {(Min is null
            ? "warn_min" : "min")} {Percent(floor)}"));
    }

    private static string Percent(double share) => Invariant($"{share * 100:0.0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The gate's verdict on one coverage report and why, in words.</summary>
public sealed record CoverageVerdict(Verdict Verdict, string Reason)
{
    /// <summary>The verdict as the outputs name it: pass, warn or fail.</summary>
    public string Name => Verdict.ToString().ToLowerInvariant();
}
