using System.Globalization;
using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// One perf suite on one target. Its items are load points (a rate or a concurrency); each runs
/// alone, writes its requests to requests.jsonl and one summary record to items.jsonl.
/// </summary>
internal sealed class PerfPlan(PerfSuite suite, TargetDefinition target) : ISelfScheduledPlan
{
    public SuiteDefinition Suite => suite;

    public TargetDefinition Target => target;

    public int ItemCount => PlannedLabels.Count;

    public int Repeats => suite.Repeats;

    public DatasetInfo? Dataset => suite.Workload.DatasetPath is { } path && File.Exists(path)
        ? new DatasetInfo(path, Hashing.Sha256Hex(File.ReadAllText(path)), File.ReadLines(path).Count(l => !string.IsNullOrWhiteSpace(l)), 0)
        : null;

    public string? PromptTemplateHash => null;

    /// <summary>Labels known before the run; a sweep's rates and an slo-search's steps are only known as it goes.</summary>
    public IReadOnlyList<string> PlannedLabels => suite.Profile.Kind switch
    {
        ProfileKind.Synchronous => ["synchronous"],
        ProfileKind.Throughput => ["throughput"],
        ProfileKind.Concurrent => [.. Concurrencies.Select(c => $"concurrent-{c}")],
        ProfileKind.Constant or ProfileKind.Poisson => [.. suite.Profile.Rates.Select(r => RateLabel(PerfSuite.ProfileName(suite.Profile.Kind), r))],
        ProfileKind.Sweep => ["synchronous", "throughput", .. Enumerable.Range(1, suite.Profile.SweepPoints).Select(i => $"sweep-{i}")],
        _ => [],
    };

    private IReadOnlyList<int> Concurrencies => suite.Profile.Concurrencies.Count > 0 ? suite.Profile.Concurrencies : [target.Config.Concurrency];

    public string ItemId(int index) => PlannedLabels[index];

    public void Preview() => new PromptFactory(suite.Workload).Create(0);

    public SuiteResult Summarize(IReadOnlyList<ItemRecord> records, string? folder) =>
        PerfResults.Summarize(suite, target, records, PlannedLabels.Count, folder);

    public async Task RunAsync(SelfScheduledRun run, CancellationToken ct)
    {
        var config = run.Clients.For(target.Name).Config;
        if (PlannedLabels.Count > 0 && Enumerable.Range(0, suite.Repeats).All(r => PlannedLabels.All(l => run.Existing.Any(e => e.Item == l && e.Repeat == r && e.Error is null))))
        {
            // A resumed run with nothing left to measure: no server to start, no environment to probe.
            return;
        }

        // A model server can take minutes to load weights: say so, or the console sits silent.
        var starting = System.Diagnostics.Stopwatch.GetTimestamp();
        if (suite.Server is { } server)
        {
            run.Progress?.Report(new RunProgress(0, 0, 0, string.Create(CultureInfo.InvariantCulture, $"{suite.Name}: starting the model server and waiting until it is ready (up to {server.ReadyTimeout.TotalMinutes:0.#} min; log: {server.LogFile})")));
        }

        await using var host = await Server.SweepHost.StartAsync(suite, target.Name, config, run.Folder, ct);
        if (suite.Server is not null)
        {
            run.Progress?.Report(new RunProgress(0, 0, 0, string.Create(CultureInfo.InvariantCulture, $"{suite.Name}: server ready after {System.Diagnostics.Stopwatch.GetElapsedTime(starting).TotalSeconds:0.0} s")));
        }

        var profile = suite.Profile;
        var openLoop = profile.Kind is ProfileKind.Constant or ProfileKind.Poisson or ProfileKind.Sweep or ProfileKind.SloSearch;
        var streams = Math.Max(Concurrencies.Max(), profile.Kind == ProfileKind.SloSearch && profile.Search.ByConcurrency ? (int)profile.Search.Max : 1);
        using var client = new StreamingClient(config, openLoop ? int.MaxValue : streams, suite.ReceiveClock);
        var factory = new PromptFactory(suite.Workload);
        var prompts = suite.Workload.Tokenizer == Server.ServerPromptFitter.TokenizerName
            ? await Server.ServerPromptFitter.FitAsync(factory, Math.Min(profile.MaxRequests, 10_000), new Server.ServerTokenCounter(host.Endpoints, config.Model), ct)
            : Enumerable.Range(0, Math.Min(profile.MaxRequests, 10_000)).Select(factory.Create).ToList();
        var api = suite.Workload.Api ?? config.Api;
        var bodies = prompts.Select(p => RequestBodies.Build(config, api, suite.Workload, p)).ToList();
        var timeout = profile.RequestTimeout ?? config.Timeout;
        var session = new LoadSession(
            client, bodies, prompts, api, timeout, profile.MaxDuration, profile.MaxRequests, suite.Workload.Seed, Observer)
        {
            WarmUpBodies = WarmUpBodies(factory, prompts, p => RequestBodies.Build(config, api, suite.Workload, p)),
            WarmUpRequests = suite.Measurement.WarmUpRequests,
        };
        var order = run.Existing.Count;
        var clock = new SweepClock(PlannedLabels.Count * suite.Repeats);
        for (var repeat = 0; repeat < suite.Repeats; repeat++)
        {
            var runner = new Step(this, run, session, host, repeat, () => order++) { Clock = clock };
            await SweepAsync(runner, ct);
        }
    }

    /// <summary>
    /// Warm-up bodies: the first prompts' lengths, short outputs, and words no measured request sends (indices
    /// counted down from the top), so a server's prefix cache is not warmed for the measured prompts.
    /// </summary>
    internal static List<byte[]> WarmUpBodies(
        PromptFactory factory, IReadOnlyList<PerfPrompt> prompts, Func<PerfPrompt, byte[]> build) =>
        [.. prompts.Take(16).Select((p, i) =>
        {
            var words = Math.Max(1, p.PromptTokens - factory.PrefixTokens);
            var text = factory.FromDataset ? p.Text : factory.Synthetic(int.MaxValue - i, words);
            var output = Math.Min(p.OutputTokens, MeasurementSpec.WarmUpOutputTokens);
            return build(new PerfPrompt(text, p.PromptTokens, output));
        })];

    /// <summary>Test and benchmark hook: sees every request's raw timing before it is summarised.</summary>
    internal Action<RequestTiming>? Observer { get; init; }

    private async Task SweepAsync(Step step, CancellationToken ct)
    {
        var profile = suite.Profile;
        switch (profile.Kind)
        {
            case ProfileKind.Synchronous:
                await step.RunAsync(new LoadPointInfo("synchronous", "synchronous", step.Repeat, null, 1), ct);
                break;
            case ProfileKind.Throughput:
                await step.RunAsync(new LoadPointInfo("throughput", "throughput", step.Repeat, null, Concurrencies.Max()), ct);
                break;
            case ProfileKind.Concurrent:
                foreach (var c in Concurrencies)
                {
                    await step.RunAsync(new LoadPointInfo($"concurrent-{c}", "concurrent", step.Repeat, null, c), ct);
                }

                break;
            case ProfileKind.Constant or ProfileKind.Poisson:
                var name = PerfSuite.ProfileName(profile.Kind);
                foreach (var rate in profile.Rates)
                {
                    await step.RunAsync(new LoadPointInfo(RateLabel(name, rate), name, step.Repeat, rate, null, profile.Kind == ProfileKind.Poisson), ct);
                }

                break;
            case ProfileKind.Sweep:
                var low = await step.RunAsync(new LoadPointInfo("synchronous", "synchronous", step.Repeat, null, 1), ct);
                var high = await step.RunAsync(new LoadPointInfo("throughput", "throughput", step.Repeat, null, Concurrencies.Max()), ct);
                for (var j = 1; j <= profile.SweepPoints; j++)
                {
                    // GuideLLM's sweep: rates evenly spaced strictly between the synchronous and the throughput rate.
                    var rate = Math.Round(low.Rps + ((high.Rps - low.Rps) * j / (profile.SweepPoints + 1)), 3);
                    await step.RunAsync(new LoadPointInfo($"sweep-{j}", "constant", step.Repeat, Math.Max(rate, 0.001), null), ct);
                }

                break;
            case ProfileKind.SloSearch:
                await SloSearch.RunAsync(profile.Search, step, ct);
                break;
        }
    }

    internal static string RateLabel(string profile, double rate) => string.Create(CultureInfo.InvariantCulture, $"{profile}-{rate:0.###}");

    /// <summary>Runs (or, on resume, recalls) one load point and writes its records.</summary>
    /// <param name="host">The server, environment and sampling around the running sweep.</param>
    internal sealed class Step(PerfPlan plan, SelfScheduledRun run, LoadSession session, Server.SweepHost? host, int repeat, Func<int> nextOrder)
    {
        public int Repeat => repeat;

        /// <summary>Which load point of how many, for the progress lines; none in tests that run one step.</summary>
        public SweepClock? Clock { get; init; }

        public async Task<(double Rps, bool SlosMet)> RunAsync(LoadPointInfo point, CancellationToken ct)
        {
            if (run.Existing.FirstOrDefault(r => r.Item == point.Label && r.Repeat == repeat && r.Error is null) is { } done)
            {
                Clock?.Recalled();
                return (done.Scores.GetValueOrDefault("rps"), done.Scores.GetValueOrDefault("slos_met") == 1);
            }

            var suite = plan.Suite.Name;
            await using var sampler = host?.StartSampling(point);
            var (start, timings) = await LoadPointRunner.RunAsync(point, session, ct);
            var samples = sampler is null ? [] : await sampler.StopAsync();
            List<PerfRequest> records;
            try
            {
                foreach (var timing in timings)
                {
                    session.Observe?.Invoke(timing);
                }

                records = RequestRecords.From(suite, plan.Target.Name, point, start, timings, session.Prompts, plan.SuiteSpec.Profile.Warmup, plan.SuiteSpec.Profile.Cooldown);
            }
            finally
            {
                timings.ForEach(t => t.Dispose());
            }

            RequestsFile.Append(run.Folder, records);
            host?.WriteSamples(samples);
            var spec = plan.SuiteSpec;
            var summary = PerfStatistics.Summarize(
                point, records, spec.Slos, spec.Profile.MaxLagP99Ms, spec.Workload.IgnoreEos, spec.Measurement.MaxFlaggedShare);
            run.Write(PerfResults.ToItem(plan.SuiteSpec, plan.Target.Name, point, summary, nextOrder()));
            // A sweep takes minutes and writes no per-request progress: one line per load point instead.
            run.Progress?.Report(new RunProgress(0, 0, 0, string.Create(CultureInfo.InvariantCulture,
                $"{spec.Name}: {point.Label}{(spec.Repeats > 1 ? $" (repeat {point.Repeat + 1}/{spec.Repeats})" : "")}: " +
                $"{summary.Completed} requests, {summary.RequestsPerSecond:0.##} req/s, TTFT p95 {PerfNumbers.Ms(summary.Ttft.P95)}" +
                $"{(summary.Valid ? "" : ", invalid")}{(Clock is null ? "" : $" ({Clock.Measured()})")}")));
            return (summary.RequestsPerSecond, summary.SlosMet && summary.Valid);
        }
    }

    internal PerfSuite SuiteSpec => suite;
}
