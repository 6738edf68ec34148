using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Suites.Shared;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// A perf suite's records: one items.jsonl record per load point (its headline numbers as
/// scores, so the file reads on its own) and the full summary in results.json, recomputed from
/// requests.jsonl whenever the results are written.
/// </summary>
internal static class PerfResults
{
    public static ItemRecord ToItem(PerfSuite suite, string target, LoadPointInfo point, LoadPointSummary s, int order)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["order"] = order,
            ["rps"] = s.RequestsPerSecond,
            ["output_tok_s"] = s.OutputTokensPerSecond,
            ["ttft_p50_ms"] = s.Ttft.P50,
            ["ttft_p95_ms"] = s.Ttft.P95,
            ["itl_p50_ms"] = s.ItlPooled.P50,
            ["itl_p95_ms"] = s.ItlPooled.P95,
            ["e2e_p95_ms"] = s.E2e.P95,
            ["errors"] = s.Errors,
            ["valid"] = s.Valid ? 1 : 0,
            ["slos_met"] = s.SlosMet ? 1 : 0,
        };
        if (point.TargetRate is { } rate)
        {
            scores["target_rate"] = rate;
        }

        if (point.Concurrency is { } concurrency)
        {
            scores["concurrency"] = concurrency;
        }

        if (point.Poisson)
        {
            scores["poisson"] = 1;
        }

        return new ItemRecord
        {
            Suite = suite.Name,
            Target = target,
            Item = point.Label,
            Repeat = point.Repeat,
            PromptHash = Hashing.Sha256Hex(suite.Describe()["workload"]!.ToJsonString())[..16],
            Group = point.Profile,
            Scores = scores,
            LatencyMs = Math.Round(s.DurationSeconds * 1000, 1),
            PromptTokens = (int)Math.Round(s.PromptTokensMean * s.Completed),
            CompletionTokens = (int)Math.Round(s.OutputTokensMean * s.Completed),
            Attempts = 1,
            Error = s.Completed == 0 ? $"no request of load point '{point.Label}' succeeded" : null,
            ErrorKind = s.Completed == 0 ? "load_point_failed" : null,
        };
    }

    public static LoadPointInfo Info(ItemRecord record) => new(
        record.Item,
        record.Group ?? "",
        record.Repeat,
        record.Scores.TryGetValue("target_rate", out var rate) ? rate : null,
        record.Scores.TryGetValue("concurrency", out var c) ? (int)c : null,
        record.Scores.ContainsKey("poisson"));

    public static SuiteResult Summarize(PerfSuite suite, Config.TargetDefinition target, IReadOnlyList<ItemRecord> records, int planned, string? folder)
    {
        var ordered = records.OrderBy(r => r.Scores.GetValueOrDefault("order")).ToList();
        var requests = (folder is null ? [] : RequestsFile.Read(folder))
            .Where(r => r.Suite == suite.Name && r.Target == target.Name)
            .GroupBy(r => (r.LoadPoint, r.Repeat, r.Index))
            .Select(g => g.Last())
            .ToLookup(r => (r.LoadPoint, r.Repeat));
        var points = folder is null ? [] : ordered
            .Select(r => PerfStatistics.Summarize(
                Info(r),
                [.. requests[(r.Item, r.Repeat)]],
                suite.Slos,
                suite.Profile.MaxLagP99Ms,
                suite.Workload.IgnoreEos,
                suite.Measurement.MaxFlaggedShare))
            .ToList();
        var samples = folder is null ? [] : Telemetry.TelemetryFiles.SummarizeSamples(folder, suite.Name, target.Name);
        points = [.. points.Select(p => samples.TryGetValue((p.Label, p.Repeat), out var series) ? p with { Samples = series } : p)];
        double? capacity = null;
        if (suite.Profile.Kind == ProfileKind.SloSearch)
        {
            var good = points.Where(p => p.Repeat == 0 && p.SlosMet && p.Valid).ToList();
            capacity = good.Count == 0 ? 0 : good.Max(p => suite.Profile.Search.ByConcurrency ? p.Concurrency ?? 0 : p.TargetRate ?? 0);
        }

        var perf = folder is null ? null : new PerfSummary(
            PerfSummary.CurrentSchemaVersion,
            PerfSuite.ProfileName(suite.Profile.Kind),
            points,
            capacity,
            capacity is null ? null : suite.Profile.Search.ByConcurrency ? "concurrent streams" : "requests/s",
            suite.Slos,
            suite.Regression,
            PerfRequest.FileName,
            Telemetry.TelemetryFiles.LatestEnvironment(folder, suite.Name, target.Name));
        var metrics = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        foreach (var p in points.Where(p => p.Repeat == 0))
        {
            metrics[$"ttft_p50_ms@{p.Label}"] = new MetricSummary(p.Ttft.P50, 0, p.Ttft.N);
            metrics[$"ttft_p95_ms@{p.Label}"] = new MetricSummary(p.Ttft.P95, 0, p.Ttft.N);
            metrics[$"itl_p95_ms@{p.Label}"] = new MetricSummary(p.ItlPooled.P95, 0, p.ItlPooled.N);
            metrics[$"e2e_p95_ms@{p.Label}"] = new MetricSummary(p.E2e.P95, 0, p.E2e.N);
            metrics[$"output_tok_s@{p.Label}"] = new MetricSummary(p.OutputTokensPerSecond, 0, p.Completed);
        }

        if (capacity is { } cap)
        {
            metrics["capacity_at_slo"] = new MetricSummary(cap, 0, points.Count);
        }

        var items = Math.Max(planned, ordered.Select(r => r.Item).Distinct().Count());
        var completed = ordered.Count(r => r.Error is null);
        var errored = ordered.Count - completed;
        var e2e = points.SelectMany(p => requests[(p.Label, p.Repeat)]).Where(r => r.Phase == "measure" && r.E2eMs is not null).Select(r => r.E2eMs!.Value).ToList();
        var latency = Distribution.Of(e2e);
        var invalid = new Dictionary<string, int> { ["invalid_load_points"] = points.Count(p => !p.Valid) };
        return new SuiteResult(
            suite.Name,
            suite.Kind,
            target.Name,
            target.Config.Model,
            [],
            suite.DefinitionHash,
            null,
            null,
            new ResultCounts(items, suite.Repeats, items * suite.Repeats, completed, errored, Math.Max(0, (items * suite.Repeats) - ordered.Count), 0, invalid),
            metrics,
            null,
            null,
            null,
            new UsageSummary(ordered.Sum(r => (long)(r.PromptTokens ?? 0)), ordered.Sum(r => (long)(r.CompletionTokens ?? 0)), latency.Mean, latency.P50, latency.P95, latency.Max),
            suite.Describe(),
            suite.Gate,
            perf is null ? null : SuiteDetails<PerfSummary>.Write(perf));
    }
}
