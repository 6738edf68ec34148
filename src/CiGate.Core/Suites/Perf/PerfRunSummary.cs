using System.Globalization;
using CiGate.Core.Results;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// A perf suite under the run summary: a line per load point with its requests, throughput and
/// headline latencies, instead of the accuracy metrics' value ± standard error (which a latency
/// percentile does not have). With the kernel clock the line ends with the client's read lag:
/// near the inter-token gap, chunks merged in the socket are timed late (README, Performance sweeps).
/// </summary>
internal static class PerfRunSummary
{
    /// <summary>Prints the suite when it is a perf suite; false otherwise (the caller prints it as an item suite).</summary>
    public static bool TryPrint(TextWriter w, SuiteResult suite)
    {
        if (PerfSummary.Of(suite) is not { } perf)
        {
            return false;
        }

        var points = perf.LoadPoints;
        var measured = points.Sum(p => p.Measured);
        var errors = points.Sum(p => p.Errors);
        w.WriteLine(Text($"{suite.Suite} on {suite.Target} ({suite.Model}): perf {perf.Profile}, {points.Count(p => p.Repeat == 0)} load point(s) x {suite.Counts.Repeats} repeat(s), {measured} measured requests, {errors} errored"));
        var width = Math.Max(12, points.Select(p => Label(p).Length).DefaultIfEmpty(0).Max());
        foreach (var p in points)
        {
            var slo = p.Slos.Where(s => !s.Met).Select(s => Text($"{s.Slo} (measured {s.Value:0.###})")).ToList();
            var invalid = p.Valid ? "" : $"  invalid: {p.InvalidReason}";
            var slos = slo.Count > 0 ? $"  SLO missed: {string.Join("; ", slo)}" : p.Slos.Count > 0 ? "  SLOs met" : "";
            var failed = p.Errors > 0 ? Text($", {p.Errors} errors") : "";
            failed += p.Flagged is > 0
                ? Text($", {p.Flagged} flagged ({p.FlaggedShare * 100:0.#}%), not in the percentiles")
                : "";
            var lag = p.ReadLag is { N: > 0 } readLag ? Text($"  read lag p99 {readLag.P99:0.0} ms") : "";
            w.WriteLine(Text(
                $"  {Label(p).PadRight(width)} {p.RequestsPerSecond,7:0.00} req/s {p.OutputTokensPerSecond,8:0} out tok/s  TTFT p50 {p.Ttft.P50:0.0} p95 {p.Ttft.P95:0.0} ms  ITL p50 {p.ItlPooled.P50:0.0} p95 {p.ItlPooled.P95:0.0} ms  e2e p95 {p.E2e.P95:0.0} ms{lag}  (n={p.Measured}{failed}){invalid}{slos}"));
        }

        if (perf.CapacityAtSlo is { } capacity)
        {
            w.WriteLine(Text($"  capacity at SLO: {capacity:0.###} {perf.CapacityUnit}"));
        }

        var u = suite.Usage;
        w.WriteLine(Text($"  tokens {u.PromptTokens} prompt, {u.CompletionTokens} completion; requests: {perf.RequestsFile}"));
        return true;
    }

    private static string Label(LoadPointSummary p) => p.Repeat == 0 ? p.Label : Text($"{p.Label} #{p.Repeat + 1}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
