using System.Globalization;
using CiGate.Core.Reporting;
using CiGate.Core.Suites.Perf.Telemetry;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// The sampled series of each load point, folded into the few columns a reader compares across
/// servers: vLLM, SGLang and TGI name the same gauges differently. GPU utilisation is a mean (how
/// busy it was), everything else a maximum (how close to a limit it came). No samples, no rows.
/// </summary>
internal static class ServerLoad
{
    private static readonly string[] Running = ["vllm:num_requests_running", "sglang:num_running_reqs", "tgi_batch_current_size"];
    private static readonly string[] Waiting = ["vllm:num_requests_waiting", "sglang:num_queue_reqs", "tgi_queue_size"];

    // vLLM reports a fraction (0..1) under both names; SGLang's token_usage is a fraction too.
    private static readonly string[] KvCache = ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "sglang:token_usage"];

    public static IReadOnlyList<PerfLoadRow> Rows(IReadOnlyList<PerfCurvePoint> curve, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(format);
        if (!curve.Any(p => p.Samples is { Count: > 0 }))
        {
            return [];
        }

        return curve.Select(p => new PerfLoadRow(
            p.Side,
            format.Name(p.LoadPoint),
            Cell(p.Samples, ["gpu_utilization_pct"], s => s.Mean, "0", "%"),
            Cell(p.Samples, ["gpu_memory_used_mib"], s => s.Max, "0", " MiB"),
            Cell(p.Samples, Running, s => s.Max, "0.#", ""),
            Cell(p.Samples, Waiting, s => s.Max, "0.#", ""),
            Cell(p.Samples, KvCache, s => 100 * s.Max, "0.#", "%"))).ToList();
    }

    private static string Cell(IReadOnlyDictionary<string, SeriesStats>? samples, string[] names, Func<SeriesStats, double> pick, string number, string unit)
    {
        foreach (var name in names)
        {
            if (samples is not null && samples.TryGetValue(name, out var stats) && stats.N > 0 && double.IsFinite(pick(stats)))
            {
                return pick(stats).ToString(number, CultureInfo.InvariantCulture) + unit;
            }
        }

        return "–";
    }
}
