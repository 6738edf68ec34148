using System.Diagnostics;
using System.Globalization;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Targets;

namespace CiGate.Bench;

/// <summary>
/// `perf-accuracy`: how exactly cigate's load generator measures. The simulator runs in a child
/// process and stamps each chunk with the Stopwatch timestamp at which it flushed it (the same
/// monotonic clock in both processes on Linux); the error is client arrival minus server send,
/// so it includes loopback TCP, the kernel and the client's own scheduling, nothing nominal.
/// </summary>
internal static class PerfAccuracyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var levels = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [1, 64, 512];
        var maxStreams = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1024;
        ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), 64);
        Console.WriteLine($"perf-accuracy on {Environment.ProcessorCount} cores; simulator in a child process (TTFT 50 ms, ITL 10 ms), chunk timestamps from the server");
        Console.WriteLine("streams  requests  chunks    err p50 ms  err p99 ms  err max ms  itl err p50  itl err p99  ttft p50 ms  out tok/s  client CPU ms/req");
        await using (var sim = await StartSimAsync(50, 10))
        {
            // Warm-up (JIT, connection pool, thread pool), left out of every number below.
            await MeasureAsync(sim.Url, 16, 16, requestsPerStream: 4, print: false);
            foreach (var streams in levels)
            {
                await MeasureAsync(sim.Url, streams, 64, requestsPerStream: streams == 1 ? 20 : 3);
            }

            Console.WriteLine($"most streams: {maxStreams} concurrent, 32 tokens each at ITL 10 ms");
            await MeasureAsync(sim.Url, maxStreams, 32, requestsPerStream: 2);
        }

        await using (var fast = await StartSimAsync(0, 0))
        {
            Console.WriteLine("generator ceiling: no server latency, 256 output tokens, 64 streams, 5 s");
            await MeasureAsync(fast.Url, 64, 256, requestsPerStream: 1_000, duration: TimeSpan.FromSeconds(5));
        }

        Console.WriteLine("note: a 2-core machine shared with other builds is noisy; the numbers are as measured.");
        return 0;
    }

    private static async Task MeasureAsync(Uri url, int streams, int tokens, int requestsPerStream, TimeSpan? duration = null, bool print = true)
    {
        var config = new TargetConfig("bench", url, "cigate-sim", null, new Dictionary<string, string>(), TargetApi.Chat, streams, TimeSpan.FromSeconds(120), new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero), 0, null);
        var workload = new WorkloadSpec(LengthSpec.Fixed(64), LengthSpec.Fixed(tokens), 0, "words", null, "prompt", true, false, null, 1);
        var factory = new PromptFactory(workload);
        var requests = streams * requestsPerStream;
        var prompts = Enumerable.Range(0, Math.Min(requests, 4096)).Select(factory.Create).ToList();
        var bodies = prompts.Select(p => RequestBodies.Build(config, TargetApi.Chat, workload, p)).ToList();
        var errors = new List<double>();
        var itlErrors = new List<double>();
        var ttfts = new List<double>();
        long outputTokens = 0;
        var failed = 0;
        using var client = new StreamingClient(config, streams);
        var session = new LoadSession(client, bodies, prompts, TargetApi.Chat, TimeSpan.FromSeconds(120), duration ?? TimeSpan.FromMinutes(10), requests, 1, t =>
        {
            if (t.Error is not null)
            {
                failed++;
                return;
            }

            var arrived = t.ChunkTs;
            var sent = t.ServerTs;
            for (var i = 0; i < t.Chunks; i++)
            {
                if (sent[i] != 0)
                {
                    errors.Add(Ms(arrived[i] - sent[i]));
                }

                if (i > 0 && sent[i] != 0 && sent[i - 1] != 0)
                {
                    itlErrors.Add(Math.Abs(Ms(arrived[i] - arrived[i - 1]) - Ms(sent[i] - sent[i - 1])));
                }
            }

            ttfts.Add(Ms(arrived[0] - t.SentTs));
            outputTokens += t.UsageCompletionTokens ?? t.Chunks;
        });
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var (_, timings) = await LoadPointRunner.RunAsync(new LoadPointInfo($"concurrent-{streams}", "concurrent", 0, null, streams), session, CancellationToken.None);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        foreach (var t in timings)
        {
            session.Observe!(t);
            t.Dispose();
        }

        if (!print)
        {
            return;
        }

        errors.Sort();
        itlErrors.Sort();
        ttfts.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{streams,7}  {timings.Count,8}  {errors.Count,7}  {P(errors, 50),10:0.000}  {P(errors, 99),10:0.000}  {P(errors, 100),10:0.000}  {P(itlErrors, 50),11:0.000}  {P(itlErrors, 99),11:0.000}  {P(ttfts, 50),11:0.0}  {outputTokens / elapsed,9:0}  {cpuMs / Math.Max(1, timings.Count),17:0.000}{(failed > 0 ? $"  ({failed} failed)" : "")}"));
    }

    private static double P(List<double> sorted, double percentile) => sorted.Count == 0 ? double.NaN : Distribution.Percentile(sorted, percentile);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static async Task<SimChild> StartSimAsync(double ttftMs, double itlMs)
    {
        var self = typeof(PerfAccuracyBenchmark).Assembly.Location;
        var child = ChildProcess.Start("dotnet", self, "perf-sim", ttftMs.ToString(CultureInfo.InvariantCulture), itlMs.ToString(CultureInfo.InvariantCulture));
        var line = await child.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the simulator did not start");
        return new SimChild(child, new Uri(line.Trim()));
    }

    private sealed class SimChild(ChildProcess child, Uri url) : IAsyncDisposable
    {
        public Uri Url => url;

        public ValueTask DisposeAsync()
        {
            child.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
