using System.Globalization;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Coverage;

/// <summary>
/// The config's optional <c>coverage: { min, warn_min }</c> gate on <c>cigate coverage</c>: coverage (a share of
/// traffic, 0 to 1) below <c>min</c> fails, below <c>warn_min</c> warns, otherwise passes.
/// </summary>
public static class CoverageGate
{
    public static CoverageVerdict Evaluate(CoverageGateSettings settings, double coverage)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (minimum, warnMinimum) = (settings.Min, settings.WarnMin);
        if (minimum is { } min && coverage < min)
        {
            return new CoverageVerdict(Verdict.Fail,
                Invariant($"coverage {Percent(coverage)} is below min {Percent(min)}"));
        }

        if (warnMinimum is { } warnMin && coverage < warnMin)
        {
            return new CoverageVerdict(Verdict.Warn,
                Invariant($"coverage {Percent(coverage)} is below warn_min {Percent(warnMin)}"));
        }

        var floor = minimum ?? warnMinimum ?? 0;
        return new CoverageVerdict(Verdict.Pass, Invariant($"coverage {Percent(coverage)} meets {(minimum is null
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
