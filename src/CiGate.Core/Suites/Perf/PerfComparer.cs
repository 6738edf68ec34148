using System.Globalization;
using CiGate.Core.Comparing;
using CiGate.Core.Results;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Compares a perf suite's head run with its base from the two requests.jsonl files: load points
/// pair by label; within one, requests are independent samples, so each gated quantile gets an
/// unpaired bootstrap interval on its relative change. Latency is lower-is-better.
/// </summary>
public static class PerfComparer
{
    private static readonly HashSet<string> ChosenLoads = new(StringComparer.Ordinal) { "synchronous", "throughput", "concurrent", "constant", "poisson" };

    public static SuiteComparison Compare(SuiteResult @base, SuiteResult head, string baseFolder, string headFolder, IReadOnlyList<string> blocking, Comparing.CompareOptions options)
    {
        // `compare --config` replaces the SLOs and regression rule the head run recorded.
        var overrides = options.Definitions?.GetValueOrDefault(head.Suite) is PerfSuite defined ? new PerfGateOverride(defined.Slos, defined.Regression) : null;
        var regression = overrides?.Regression ?? PerfSummary.Of(head)?.Regression ?? RegressionSpec.Default;
        var baseRequests = Measured(baseFolder, @base);
        var headRequests = Measured(headFolder, head);
        var labels = (PerfSummary.Of(head)?.LoadPoints ?? []).Select(p => p.Label).Distinct().Where(l => baseRequests.Contains(l)).ToList();
        var changes = new List<PerfChange>();
        var aaUsed = false;
        foreach (var label in labels)
        {
            var b = baseRequests[label].ToList();
            var h = headRequests[label].ToList();
            foreach (var spec in regression.Metrics)
            {
                var (metric, percentile) = Parse(spec);
                var seed = options.Seed ^ StableSeed(label + spec);
                if (QuantileBootstrap.RelativeChange(Values(b, metric), Values(h, metric), percentile, regression.Confidence, seed) is not { } r)
                {
                    continue;
                }

                double? noise = null;
                var repeats = b.Select(x => x.Repeat).Distinct().Order().ToList();
                if (repeats.Count >= 2 && QuantileBootstrap.RelativeChange(Values(b.Where(x => x.Repeat == repeats[0]), metric), Values(b.Where(x => x.Repeat == repeats[1]), metric), percentile, regression.Confidence, seed + 1) is { } aa)
                {
                    // A/A: two base runs of the same code. Their spread is the run-to-run drift a real change must clear.
                    noise = Math.Round(100 * Math.Max(Math.Abs(aa.CiLow), Math.Abs(aa.CiHigh)), 2);
                    aaUsed = true;
                }

                var margin = Math.Max(regression.MarginPercent, noise ?? 0);
                var warn = Math.Min(margin, Math.Max(regression.WarnPercent, noise ?? 0));
                var change = 100 * r.Change;
                // A tail quantile of a handful of requests has no trustworthy bootstrap interval: report it, never gate on it.
                var gated = Math.Min(r.BaseN, r.HeadN) >= MinSamples(percentile);
                var significant = gated && r.CiLow > 0;
                var regressed = significant && change > margin;
                changes.Add(new PerfChange(label, metric, percentile, Round(r.Base), Round(r.Head), Math.Round(change, 2), Math.Round(100 * r.CiLow, 2), Math.Round(100 * r.CiHigh, 2),
                    margin, noise, regressed, !regressed && significant && change > warn, r.BaseN, r.HeadN, gated));
            }
        }

        var perf = new PerfComparison(
            changes,
            Slos(head, overrides?.Slos, headRequests),
            [.. Curve("base", @base, baseRequests), .. Curve("head", head, headRequests)],
            aaUsed
                ? "A/A calibration: the spread between the base run's two repeats widens each margin"
                : "within-run bootstrap only (no A/A calibration; run the base with repeats: 2 to measure run-to-run drift)",
            regression.MarginPercent,
            regression.WarnPercent,
            PerfSummary.Of(@base)?.CapacityAtSlo,
            PerfSummary.Of(head)?.CapacityAtSlo,
            PerfSummary.Of(head)?.CapacityUnit,
            [.. InvalidPoints(@base, "base"), .. InvalidPoints(head, "head")],
            ErrorRate(head),
            PerfSummary.Of(head)?.Environment is { } environment ? Telemetry.EnvironmentDiff.Describe(environment) : null);
        var notes = new List<string>(blocking);
        if (@base.Model != head.Model)
        {
            notes.Add($"model: {@base.Model} → {head.Model}");
        }

        notes.AddRange(Telemetry.EnvironmentDiff.Notes(PerfSummary.Of(@base)?.Environment, PerfSummary.Of(head)?.Environment));
        if (Clock(PerfSummary.Of(@base)) is { } baseClock && Clock(PerfSummary.Of(head)) is { } headClock && baseClock != headClock)
        {
            notes.Add($"chunk times: {baseClock} clock → {headClock} clock (under load the process clock adds the client's read lag)");
        }

        return new SuiteComparison(head.Suite, head.Target, head.Kind, blocking.Count == 0 ? Pairing.Paired : Pairing.Unpaired, notes, @base.Model, head.Model,
            Side(@base), Side(head), labels.Count, 0, 0, 0, [], null, [], [], null)
        {
            Details = perf,
        };
    }

    /// <summary>The receive clocks a run's load points were timed with; results from before the field were timed by the process.</summary>
    private static string? Clock(PerfSummary? perf) =>
        perf is null || perf.LoadPoints.Count == 0
            ? null
            : string.Join("/", perf.LoadPoints.Select(p => p.ReceiveClock ?? "process").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>At least five samples beyond the quantile on each side: 10 for the median, 100 for p95, 500 for p99.</summary>
    public static int MinSamples(double percentile) => (int)Math.Ceiling(5 / (1 - (Math.Min(percentile, 99.9) / 100)));

    private static ILookup<string, PerfRequest> Measured(string folder, SuiteResult suite) =>
        RequestsFile.Read(folder)
            .Where(r => r.Suite == suite.Suite && r.Target == suite.Target && r.Phase == "measure")
            .ToLookup(r => r.LoadPoint);

    /// <summary>Over the succeeded requests whose first token was timed (flagged ones left out).</summary>
    private static List<double> Values(IEnumerable<PerfRequest> requests, string metric) =>
        PerfStatistics.Sorted(requests.Where(r => r.Succeeded && !r.Flagged), metric);

    private static (string Metric, double Percentile) Parse(string spec)
    {
        var cut = spec.LastIndexOf("_p", StringComparison.Ordinal);
        return (spec[..cut], double.Parse(spec[(cut + 2)..], CultureInfo.InvariantCulture));
    }

    /// <summary>SLOs tied to a load point always gate; untied ones only where the user chose the load (not a sweep's or a search's points).</summary>
    /// <remarks>With <paramref name="overrides"/>, each load point's SLOs are checked afresh against its measured requests.</remarks>
    private static List<PerfSloResult> Slos(SuiteResult head, IReadOnlyList<SloLimit>? overrides, ILookup<string, PerfRequest> requests)
    {
        if (PerfSummary.Of(head) is not { } perf)
        {
            return [];
        }

        var limits = overrides ?? perf.Slos;
        var results = new List<PerfSloResult>();
        foreach (var point in perf.LoadPoints.Where(p => p.Repeat == 0))
        {
            var timed = requests[point.Label].Where(r => r.Repeat == 0 && r.Succeeded && !r.Flagged);
            var checks = overrides is null ? point.Slos : PerfStatistics.CheckSlos(point.Label, [.. timed], overrides);
            var applicable = limits.Where(s => s.At is null || s.At == point.Label).ToList();
            for (var i = 0; i < checks.Count; i++)
            {
                var tied = i < applicable.Count && applicable[i].At is not null;
                if (tied || ChosenLoads.Contains(perf.Profile))
                {
                    results.Add(new PerfSloResult(point.Label, checks[i]));
                }
            }
        }

        return results;
    }

    /// <summary>
    /// One point per load point and side, with the numbers the change table uses: latency quantiles
    /// over the timed requests of every repeat pooled (the summary's when requests.jsonl is absent),
    /// rates and flagged share averaged over the repeats; server samples are the first repeat's.
    /// </summary>
    private static IEnumerable<PerfCurvePoint> Curve(string side, SuiteResult suite, ILookup<string, PerfRequest> requests)
    {
        var points = (PerfSummary.Of(suite)?.LoadPoints ?? []).Where(p => p.Completed > 0).ToList();
        foreach (var first in points.Where(p => p.Repeat == 0))
        {
            var repeats = points.Where(p => p.Label == first.Label).ToList();
            var ttft = Values(requests[first.Label], "ttft").ToArray();
            var itl = Values(requests[first.Label], "itl").ToArray();
            var flagged = repeats.Where(p => p.FlaggedShare is not null).Select(p => p.FlaggedShare!.Value).ToList();
            yield return new PerfCurvePoint(
                side,
                first.Label,
                repeats.Average(p => p.RequestsPerSecond),
                ttft.Length > 0 ? Round(QuantileBootstrap.Quantile(ttft, 50)) : first.Ttft.P50,
                ttft.Length > 0 ? Round(QuantileBootstrap.Quantile(ttft, 95)) : first.Ttft.P95,
                itl.Length > 0 ? Round(QuantileBootstrap.Quantile(itl, 50)) : first.ItlPooled.P50,
                itl.Length > 0 ? Round(QuantileBootstrap.Quantile(itl, 95)) : first.ItlPooled.P95,
                repeats.Average(p => p.OutputTokensPerSecond),
                first.Samples,
                flagged.Count > 0 ? flagged.Average() : null);
        }
    }

    private static IEnumerable<string> InvalidPoints(SuiteResult suite, string side) =>
        (PerfSummary.Of(suite)?.LoadPoints ?? []).Where(p => !p.Valid).Select(p => $"{side} {p.Label}: {p.InvalidReason}");

    private static double ErrorRate(SuiteResult suite)
    {
        var points = PerfSummary.Of(suite)?.LoadPoints ?? [];
        var measured = points.Sum(p => p.Measured);
        return measured == 0 ? 0 : (double)points.Sum(p => p.Errors) / measured;
    }

    private static SideCounts Side(SuiteResult suite)
    {
        var points = PerfSummary.Of(suite)?.LoadPoints ?? [];
        return new SideCounts(suite.Counts.Items, points.Sum(p => p.Measured), points.Sum(p => p.Completed), points.Sum(p => p.Errors), suite.Counts.Missing, 0);
    }

    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    private static double Round(double value) => Math.Round(value, 3);
}
