using System.Globalization;

namespace CiGate.Core.Suites.Perf;

/// <summary>Turns one load point's request records into its summary; a pure function of requests.jsonl.</summary>
public static class PerfStatistics
{
    /// <summary>
    /// Latency percentiles and SLO checks are over the succeeded requests whose first token was timed (flagged
    /// requests, <see cref="MeasurementFlags"/>, are left out and counted); throughput is over all succeeded ones.
    /// Above <paramref name="maxFlaggedShare"/> flagged, the load point is invalid (the gate is then inconclusive).
    /// </summary>
    public static LoadPointSummary Summarize(
        LoadPointInfo info,
        IReadOnlyList<PerfRequest> requests,
        IReadOnlyList<SloLimit> slos,
        double maxLagP99Ms,
        bool checkLength,
        double maxFlaggedShare = MeasurementSpec.DefaultMaxFlaggedShare)
    {
        var measured = requests.Where(r => r.Phase == "measure").ToList();
        var succeeded = measured.Where(r => r.Succeeded).ToList();
        var ok = succeeded.Where(r => !r.Flagged).ToList();
        var flagged = succeeded.Count - ok.Count;
        var flaggedShare = succeeded.Count == 0 ? 0 : (double)flagged / succeeded.Count;
        var window = Window(measured);
        var outputTokens = succeeded.Sum(r => (double)r.OutputTokens);
        var promptTokens = succeeded.Sum(r => (double)r.PromptTokens);
        var lag = Distribution.Of([.. measured.Select(r => r.LagMs)]);
        var ttft = Distribution.Of([.. ok.Where(r => r.TtftMs is not null).Select(r => r.TtftMs!.Value)]);
        var itlPooled = Distribution.Of([.. ok.SelectMany(r => r.GapsMs)]);
        var itlMean = Distribution.Of([.. ok.Where(r => r.ItlMeanMs is not null).Select(r => r.ItlMeanMs!.Value)]);
        var tpot = Distribution.Of([.. ok.Where(r => r.TpotMs is not null).Select(r => r.TpotMs!.Value)]);
        var e2e = Distribution.Of([.. ok.Where(r => r.E2eMs is not null).Select(r => r.E2eMs!.Value)]);
        var applicable = slos.Where(s => s.At is null || s.At == info.Label).ToList();
        var checks = CheckSlos(info.Label, ok, slos);
        double? goodput = applicable.Count == 0 || window <= 0 ? null : Math.Round(ok.Count(r => applicable.All(s => Within(r, s))) / window, 4);
        string? invalid = null;
        if (succeeded.Count == 0)
        {
            invalid = "no request of the measured phase succeeded";
        }
        else if (flaggedShare > maxFlaggedShare)
        {
            invalid = FormattableString.Invariant($"the client could not time {flagged} of {succeeded.Count} ")
                + FormattableString.Invariant($"requests' first token ({flaggedShare * 100:0.#}% > ")
                + FormattableString.Invariant($"measurement.max_flagged_share {maxFlaggedShare * 100:0.#}%): ")
                + "it fell a token gap behind its streams, so those TTFTs are partly the client's; "
                + "run fewer streams or give the load generator more cores";
        }
        else if (info.TargetRate is not null && lag.P99 > maxLagP99Ms)
        {
            invalid = string.Create(CultureInfo.InvariantCulture, $"the client fell behind its schedule: p99 lag {lag.P99:0.###} ms > {maxLagP99Ms:0.###} ms, so these latencies are partly the client's");
        }

        return new LoadPointSummary(
            info.Label,
            info.Profile,
            info.Repeat,
            info.TargetRate,
            info.Concurrency,
            requests.Count,
            measured.Count,
            succeeded.Count,
            measured.Count(r => r.Error is not null && !r.Incomplete),
            measured.Count(r => r.Incomplete),
            succeeded.Count(r => !r.UsageReported),
            checkLength ? succeeded.Count(r => r.UsageReported && r.OutputTokens != r.RequestedOutputTokens) : 0,
            Math.Round(window, 3),
            window > 0 ? Math.Round(succeeded.Count / window, 4) : 0,
            window > 0 ? Math.Round(outputTokens / window, 2) : 0,
            window > 0 ? Math.Round((outputTokens + promptTokens) / window, 2) : 0,
            goodput,
            ttft,
            Distribution.Of([.. ok.Where(r => r.TtftFromScheduleMs is not null).Select(r => r.TtftFromScheduleMs!.Value)]),
            itlPooled,
            itlMean,
            tpot,
            e2e,
            Distribution.Of([.. ok.Where(r => r.E2eFromScheduleMs is not null).Select(r => r.E2eFromScheduleMs!.Value)]),
            lag,
            succeeded.Count == 0 ? 0 : Math.Round(promptTokens / succeeded.Count, 2),
            succeeded.Count == 0 ? 0 : Math.Round(outputTokens / succeeded.Count, 2),
            invalid is null,
            invalid,
            checks,
            ReceiveClock: Clock(measured),
            ReadLag: measured.Any(r => r.ReadLagMs is not null)
                ? Distribution.Of([.. measured.Where(r => r.ReadLagMs is not null).Select(r => r.ReadLagMs!.Value)])
                : null,
            Flagged: flagged,
            FlaggedShare: Math.Round(flaggedShare, 4));
    }

    /// <summary>Over the requests that received anything (one refused before connecting has no clock).</summary>
    private static string? Clock(List<PerfRequest> measured)
    {
        var received = measured.Where(r => r.Chunks > 0).ToList();
        if (received.Count == 0)
        {
            return null;
        }

        var kernel = received.Count(r => r.ReceiveClock == "kernel");
        return kernel == received.Count ? "kernel" : kernel == 0 ? "process" : "mixed";
    }

    /// <summary>The values of one metric over requests, sorted: per-request values, or every gap for pooled ITL.</summary>
    public static List<double> Sorted(IEnumerable<PerfRequest> requests, string metric)
    {
        var values = metric == "itl"
            ? requests.SelectMany(r => r.GapsMs).ToList()
            : requests.Select(r => Value(r, metric)).Where(v => v is not null).Select(v => v!.Value).ToList();
        values.Sort();
        return values;
    }

    public static double? Value(PerfRequest request, string metric) => metric switch
    {
        "ttft" => request.TtftMs,
        "itl" or "itl_mean" => request.ItlMeanMs,
        "tpot" => request.TpotMs,
        "e2e" => request.E2eMs,
        _ => null,
    };

    /// <summary>From the first measured send to the last measured end: the span the throughput is over.</summary>
    private static double Window(List<PerfRequest> measured)
    {
        if (measured.Count == 0)
        {
            return 0;
        }

        var start = measured.Min(r => r.ScheduledMs + r.LagMs);
        var end = measured.Max(r => r.EndMs);
        return Math.Max(0, (end - start) / 1000);
    }

    /// <summary>The SLOs that apply at a load point (untied or tied to its label), each against the load point's succeeded requests.</summary>
    public static List<SloCheck> CheckSlos(string label, IReadOnlyList<PerfRequest> succeeded, IReadOnlyList<SloLimit> slos)
    {
        var checks = new List<SloCheck>();
        foreach (var slo in slos.Where(s => s.At is null || s.At == label))
        {
            var values = Sorted(succeeded, slo.Metric);
            var value = values.Count == 0 ? double.PositiveInfinity : Distribution.Percentile(values, slo.Percentile);
            checks.Add(new SloCheck(slo.ToString(), Math.Round(value, 3), slo.LimitMs, value <= slo.LimitMs));
        }

        return checks;
    }

    private static bool Within(PerfRequest request, SloLimit slo) => Value(request, slo.Metric) is { } value && value <= slo.LimitMs;
}
