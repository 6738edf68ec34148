using System.Diagnostics;
using System.Runtime;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Drives one load point. Closed loop (synchronous, throughput, concurrent): N streams, each
/// sending its next request when the last one finished. Open loop (constant, poisson): every
/// request starts at its scheduled time whatever the earlier ones are doing, so a slow server
/// builds a queue instead of slowing the client down (no coordinated omission).
/// </summary>
internal static class LoadPointRunner
{
    private static readonly long TicksPerMs = Stopwatch.Frequency / 1000;

    /// <summary>Warm-up requests before an open-loop load point (its connection count is not known).</summary>
    private const int OpenLoopWarmUp = 8;

    public static async Task<(long Start, List<RequestTiming> Timings)> RunAsync(LoadPointInfo point, LoadSession session, CancellationToken ct)
    {
        await WarmUpAsync(point, session, ct);

        // Background (concurrent) GC, and no blocking gen2 while the load point runs: a blocking collection
        // stops every reader, TCP merges the tokens that land meanwhile, and their stamps become one.
        var latency = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        try
        {
            return await MeasureAsync(point, session, ct);
        }
        finally
        {
            GCSettings.LatencyMode = latency;
        }
    }

    /// <summary>
    /// Opens the load point's connections and runs the write, read and parse paths (JIT, first use of each
    /// socket) before anything is timed: one short request per stream, all at once, none recorded. Failures
    /// are left to the measured requests to report.
    /// </summary>
    internal static async Task WarmUpAsync(LoadPointInfo point, LoadSession session, CancellationToken ct)
    {
        var count = session.WarmUpRequests
            ?? (point.TargetRate is null ? Math.Max(1, point.Concurrency ?? 1) : OpenLoopWarmUp);
        if (count <= 0 || session.WarmUpBodies.Count == 0)
        {
            return;
        }

        var requests = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var body = session.WarmUpBodies[i % session.WarmUpBodies.Count];
            requests[i] = Task.Run(
                async () =>
                {
                    var now = Stopwatch.GetTimestamp();
                    using var timing = new RequestTiming(-1, now, MeasurementSpec.WarmUpOutputTokens);
                    await session.Client.SendAsync(timing, body, session.Api, session.RequestTimeout, ct);
                },
                CancellationToken.None);
        }

        await Task.WhenAll(requests);
    }

    private static async Task<(long Start, List<RequestTiming> Timings)> MeasureAsync(
        LoadPointInfo point, LoadSession session, CancellationToken ct)
    {
        var timings = new RequestTiming?[session.MaxRequests];
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(session.MaxDuration.TotalSeconds * Stopwatch.Frequency);
        if (point.TargetRate is { } rate)
        {
            await OpenLoopAsync(rate, point.Poisson, start, deadline, timings, session, ct);
        }
        else
        {
            var streams = Math.Max(1, point.Concurrency ?? 1);
            var next = -1;
            var workers = new Task[streams];
            for (var w = 0; w < streams; w++)
            {
                workers[w] = Task.Run(
                    async () =>
                    {
                        while (!ct.IsCancellationRequested)
                        {
                            var i = Interlocked.Increment(ref next);
                            var now = Stopwatch.GetTimestamp();
                            if (i >= timings.Length || now >= deadline)
                            {
                                return;
                            }

                            timings[i] = await SendAsync(i, now, session, ct);
                        }
                    },
                    CancellationToken.None);
            }

            await Task.WhenAll(workers);
        }

        return (start, [.. timings.Where(t => t is not null).Select(t => t!)]);
    }

    private static async Task OpenLoopAsync(double rate, bool poisson, long start, long deadline, RequestTiming?[] timings, LoadSession session, CancellationToken ct)
    {
        var random = new Random(session.Seed);
        var inFlight = new List<Task>(Math.Min(timings.Length, 4096));
        var offsetSeconds = 0.0;
        for (var i = 0; i < timings.Length && !ct.IsCancellationRequested; i++)
        {
            if (i > 0)
            {
                offsetSeconds += poisson ? -Math.Log(1 - random.NextDouble()) / rate : 1 / rate;
            }

            var scheduled = start + (long)(offsetSeconds * Stopwatch.Frequency);
            if (scheduled >= deadline)
            {
                break;
            }

            await WaitUntilAsync(scheduled, ct);
            var index = i;

            // Started on the pool, not awaited: the schedule never waits for a response.
            inFlight.Add(Task.Run(async () => timings[index] = await SendAsync(index, scheduled, session, ct), CancellationToken.None));
        }

        await Task.WhenAll(inFlight);
    }

    private static async Task<RequestTiming> SendAsync(int index, long scheduled, LoadSession session, CancellationToken ct)
    {
        var slot = index % session.Bodies.Count;
        var timing = new RequestTiming(index, scheduled, session.Prompts[slot].OutputTokens);
        await session.Client.SendAsync(timing, session.Bodies[slot], session.Api, session.RequestTimeout, ct);
        return timing;
    }

    /// <summary>Sleeps to within a millisecond of the time, then yields until it: timer wheels overshoot by about a millisecond.</summary>
    private static async ValueTask WaitUntilAsync(long timestamp, CancellationToken ct)
    {
        while (true)
        {
            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0 || ct.IsCancellationRequested)
            {
                return;
            }

            if (remaining > 2 * TicksPerMs)
            {
                await Task.Delay(TimeSpan.FromTicks((remaining - TicksPerMs) * TimeSpan.TicksPerSecond / Stopwatch.Frequency), ct);
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
