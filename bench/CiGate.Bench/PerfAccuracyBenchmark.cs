using System.Diagnostics;
using System.Globalization;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Targets;

namespace CiGate.Bench;

/// <summary>
/// `perf-accuracy`: how exactly cigate's load generator measures, and what it and the server cost.
/// The simulator runs in a child process and stamps each chunk with the Stopwatch timestamp at
/// which it flushed it (the same monotonic clock in both processes on Linux); the error is client
/// arrival minus server send, so it includes loopback TCP, the kernel, the server's own queueing
/// after the stamp and the client's scheduling. Every row prints the chunk rate, the CPU of the
/// client, of the server and of everything else on the machine, and the load average, because
/// on a 2-core machine the error is mostly a matter of who else wants the cores.
/// </summary>
internal static class PerfAccuracyBenchmark
{
    private const double TtftMs = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = PerfBenchOptions.Parse(args);
        if (options.Pin && !options.Pinned)
        {
            return await PinnedAsync(args);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"perf-accuracy on {Environment.ProcessorCount} core(s){(options.Pinned ? " (client pinned to CPU 0, simulator to CPU 1)" : "")}; simulator in a child process (TTFT {TtftMs} ms), chunk timestamps from the server; load average {CpuMeter.LoadAverage():0.0} at start"));
        Console.WriteLine("  cigate = StreamingClient + LoadPointRunner (what `cigate run` uses), chunks timed by the kernel's receive stamps; cigate/proc = the same, timed when each read returned (receive_clock: process); bare = HttpClient and a byte search, read times (reference)");
        Console.WriteLine("  steps = decode steps shared by all streams (a batched server); timers = one timer per stream per token (the old model)");
        Console.WriteLine("  err = chunk arrival - server flush stamp (ms); gap err = |client gap - server gap|; others = CPU of every other process on the machine (cores); irq = interrupt time, mostly loopback TCP, charged to no process");
        Console.WriteLine(PerfRows.Header);
        foreach (var itl in options.Itls)
        {
            await using var sim = await SimChild.StartAsync(TtftMs, itl, steps: true, options.Pinned);
            await WarmUpAsync(sim);
            foreach (var streams in options.Levels.Where(s => itl == options.Itls[0] || s >= 512))
            {
                var requestsPerStream = streams == 1 ? 20 : 3;
                if (options.Reference && options.BareFirst)
                {
                    PerfRows.Print(await MeasureBareAsync(sim, streams, 64, requestsPerStream));
                }

                PerfRows.Print(await MeasureCigateAsync(sim, streams, 64, requestsPerStream));
                PerfRows.Print(await MeasureCigateAsync(sim, streams, 64, requestsPerStream, clock: ReceiveClock.Process));
                if (options.Reference && !options.BareFirst)
                {
                    PerfRows.Print(await MeasureBareAsync(sim, streams, 64, requestsPerStream));
                }
            }

            foreach (var streams in options.MaxStreams)
            {
                PerfRows.Print(await MeasureCigateAsync(sim, streams, 32, requestsPerStream: 2));
            }
        }

        if (options.Timers)
        {
            await using var timers = await SimChild.StartAsync(TtftMs, options.Itls[0], steps: false, options.Pinned);
            await WarmUpAsync(timers);
            PerfRows.Print(await MeasureCigateAsync(timers, 512, 64, requestsPerStream: 3));
        }

        await using (var fast = await SimChild.StartAsync(0, 0, steps: false, options.Pinned))
        {
            Console.WriteLine("generator ceiling: no server latency, 256 output tokens per request, 64 streams, 5 s (chunk/s is what client and server sustain together)");
            await WarmUpAsync(fast);
            PerfRows.Print(await MeasureCigateAsync(fast, 64, 256, requestsPerStream: 1_000, TimeSpan.FromSeconds(5)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average {CpuMeter.LoadAverage():0.0} at the end; a 2-core machine shared with other builds is noisy, the numbers are as measured."));
        return 0;
    }

    private static async Task<PerfRow> MeasureCigateAsync(SimChild sim, int streams, int tokens, int requestsPerStream, TimeSpan? duration = null, ReceiveClock clock = ReceiveClock.Kernel)
    {
        var requests = streams * requestsPerStream;
        var (config, prompts, bodies) = Requests(sim.Url, streams, tokens, requests);
        using var client = new StreamingClient(config, streams, clock);
        var session = new LoadSession(client, bodies, prompts, TargetApi.Chat, TimeSpan.FromSeconds(120), duration ?? TimeSpan.FromMinutes(10), requests, 1);
        var before = CpuMeter.Take(sim.Process);
        var (_, timings) = await LoadPointRunner.RunAsync(new LoadPointInfo($"concurrent-{streams}", "concurrent", 0, null, streams), session, CancellationToken.None);
        var after = CpuMeter.Take(sim.Process);
        var row = PerfRows.From(client.Clock == ReceiveClock.Kernel ? "cigate" : "cigate/proc", sim.Model, sim.ItlMs, streams, timings, before, after);
        timings.ForEach(t => t.Dispose());
        return row;
    }

    private static async Task<PerfRow> MeasureBareAsync(SimChild sim, int streams, int tokens, int requestsPerStream)
    {
        var requests = streams * requestsPerStream;
        var (_, _, bodies) = Requests(sim.Url, streams, tokens, requests);
        var before = CpuMeter.Take(sim.Process);
        var timings = await BareStreamReader.RunAsync(sim.Url, bodies, streams, requests, tokens);
        var after = CpuMeter.Take(sim.Process);
        var row = PerfRows.From("bare", sim.Model, sim.ItlMs, streams, timings, before, after);
        timings.ForEach(t => t.Dispose());
        return row;
    }

    /// <summary>JIT, connection pools and the thread pool, for both clients; left out of every number.</summary>
    private static async Task WarmUpAsync(SimChild sim)
    {
        // Long enough for tiered JIT to reach its optimized code before the first measured row.
        for (var i = 0; i < 3; i++)
        {
            await MeasureCigateAsync(sim, 64, 32, requestsPerStream: 2);
            await MeasureBareAsync(sim, 64, 32, requestsPerStream: 2);
        }
    }

    private static (TargetConfig Config, List<PerfPrompt> Prompts, List<byte[]> Bodies) Requests(Uri url, int streams, int tokens, int requests)
    {
        var config = new TargetConfig("bench", url, "cigate-sim", null, new Dictionary<string, string>(), TargetApi.Chat, streams, TimeSpan.FromSeconds(120), new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero), 0, null);
        var workload = new WorkloadSpec(LengthSpec.Fixed(64), LengthSpec.Fixed(tokens), 0, "words", null, "prompt", true, false, null, 1);
        var factory = new PromptFactory(workload);
        var prompts = Enumerable.Range(0, Math.Min(requests, 4096)).Select(factory.Create).ToList();
        var bodies = prompts.Select(p => RequestBodies.Build(config, TargetApi.Chat, workload, p)).ToList();
        return (config, prompts, bodies);
    }

    /// <summary>Runs the whole benchmark again under taskset: this process on CPU 0, the simulator on CPU 1.</summary>
    private static async Task<int> PinnedAsync(string[] args)
    {
        if (!File.Exists("/usr/bin/taskset") && !File.Exists("/bin/taskset"))
        {
            Console.Error.WriteLine("--pin needs taskset (util-linux)");
            return 2;
        }

        var info = new ProcessStartInfo("taskset") { UseShellExecute = false };
        foreach (var arg in (string[])["-c", "0", "dotnet", typeof(PerfAccuracyBenchmark).Assembly.Location, "perf-accuracy", .. args, "--pinned"])
        {
            info.ArgumentList.Add(arg);
        }

        using var child = Process.Start(info)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
