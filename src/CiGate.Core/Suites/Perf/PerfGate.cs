using System.Globalization;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// The perf verdict: fail on a broken SLO, on a lower capacity at SLO, or on a latency increase
/// whose bootstrap interval excludes zero AND which is past the (noise-widened) margin; warn past
/// the warn level; inconclusive when a load point was invalid (the client fell behind) or too
/// many requests failed.
/// </summary>
internal static class PerfGate
{
    public static (Verdict, List<string>) Decide(SuiteComparison suite, PerfComparison perf, GateSettings gate)
    {
        List<string> fail = [], inconclusive = [], warn = [], pass = [];
        if (suite.HeadCounts.Items == 0)
        {
            inconclusive.Add("the suite has no results in the head run");
        }

        foreach (var slo in perf.Slos.Where(s => !s.Check.Met))
        {
            fail.Add(Text($"SLO broken at {slo.LoadPoint}: {slo.Check.Slo}, measured {PerfNumbers.Ms(slo.Check.Value)}"));
        }

        if (perf.BaseCapacity is { } before && perf.HeadCapacity is { } after && before > 0)
        {
            var drop = 100 * (1 - (after / before));
            var line = Text($"capacity at SLO {before:0.###} → {after:0.###} {perf.CapacityUnit}");
            (drop > perf.MarginPercent ? fail : pass).Add(drop > perf.MarginPercent ? $"{line}, a drop past the {Text($"{perf.MarginPercent:0.#}")}% margin" : line);
        }

        foreach (var c in perf.Changes)
        {
            var line = Text($"{c.Metric} p{c.Percentile:0.##} at {c.LoadPoint}: {PerfNumbers.Ms(c.Base)} → {PerfNumbers.Ms(c.Head)}, ") +
                Text($"{c.ChangePercent:+0.0;-0.0;0.0}% (95% CI [{c.CiLowPercent:+0.0;-0.0;0.0}%, {c.CiHighPercent:+0.0;-0.0;0.0}%], ") +
                Text($"margin {c.MarginPercent:0.#}%{(c.NoisePercent is { } n ? $", A/A noise ±{n:0.#}%" : "")})");
            if (c.Regressed)
            {
                fail.Add($"slower: {line}");
            }
            else if (c.Warned)
            {
                warn.Add($"slower, within the margin: {line}");
            }
        }

        if (perf.InvalidLoadPoints.Count > 0)
        {
            inconclusive.AddRange(perf.InvalidLoadPoints.Select(p => $"invalid load point, {p}"));
        }

        if (perf.HeadErrorRate > gate.MaxErrorRate)
        {
            inconclusive.Add(Text($"head: {perf.HeadErrorRate:P1} of measured requests failed (cap {gate.MaxErrorRate:P1})"));
        }

        if (perf.Changes.Count == 0 && perf.Slos.Count == 0 && suite.BaseCounts.Items > 0)
        {
            inconclusive.Add("no load point in common between base and head to compare");
        }

        var ungated = perf.Changes.Count(c => !c.Gated);
        pass.Add(Text($"{perf.Changes.Count(c => c.Gated && !c.Regressed && !c.Warned)} of {perf.Changes.Count(c => c.Gated)} gated latency statistics within the margin{(ungated > 0 ? $" ({ungated} shown but not gated: too few requests for their quantile)" : "")}; noise: {perf.NoiseEstimate}"));
        return fail.Count > 0 ? (Verdict.Fail, [.. fail, .. inconclusive, .. warn])
            : inconclusive.Count > 0 ? (Verdict.Inconclusive, [.. inconclusive, .. warn, .. pass])
            : warn.Count > 0 ? (Verdict.Warn, [.. warn, .. pass])
            : (Verdict.Pass, pass);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
