using System.Diagnostics;

namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>
/// Samples GPUs and the server's gauges while one load point runs. One background loop on a
/// timer; each tick starts a scrape unless the last one is still running (then the tick is
/// skipped), and each call has a short timeout, so sampling never queues up behind a slow server
/// or takes more than one connection from the load.
/// </summary>
internal sealed class LoadPointSampler : IAsyncDisposable
{
    private readonly SamplingSpec spec;
    private readonly ServerEndpoints endpoints;
    private readonly SamplerState state;
    private readonly LoadPointInfo point;
    private readonly List<SampleRecord> samples = [];
    private readonly CancellationTokenSource stop = new();
    private readonly long start = Stopwatch.GetTimestamp();
    private readonly TimeSpan timeout;
    private readonly Task loop;
    private Task? scrape;

    private LoadPointSampler(SamplingSpec spec, ServerEndpoints endpoints, SamplerState state, LoadPointInfo point)
    {
        this.spec = spec;
        this.endpoints = endpoints;
        this.state = state;
        this.point = point;
        timeout = spec.Interval < TimeSpan.FromSeconds(2) ? spec.Interval : TimeSpan.FromSeconds(2);
        loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    public static LoadPointSampler? Start(SamplingSpec spec, ServerEndpoints endpoints, SamplerState state, LoadPointInfo point) =>
        spec.Enabled && (state.Gpu is not null || state.MetricsAvailable) ? new LoadPointSampler(spec, endpoints, state, point) : null;

    /// <summary>Stops sampling and returns what was sampled, oldest first.</summary>
    public async Task<IReadOnlyList<SampleRecord>> StopAsync()
    {
        await stop.CancelAsync();
        await loop;
        if (scrape is not null)
        {
            await scrape;
        }

        lock (samples)
        {
            return [.. samples.OrderBy(s => s.TMs)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(spec.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                // Skip the tick while the last scrape is still out: samples never queue up.
                if (scrape is null or { IsCompleted: true })
                {
                    scrape = ScrapeAsync(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped with the load point.
        }
    }

    private async Task ScrapeAsync(double at)
    {
        // Not tied to the stop token: a scrape that started finishes (within its timeout) and counts.
        var gpus = GpusAsync();
        var metrics = MetricsAsync();
        await Task.WhenAll(gpus, metrics);
        if (gpus.Result is null && metrics.Result is null)
        {
            return;
        }

        var record = new SampleRecord { Suite = state.Suite, Target = state.Target, LoadPoint = point.Label, Repeat = point.Repeat, TMs = Math.Round(at, 1), Gpus = gpus.Result, Metrics = metrics.Result };
        lock (samples)
        {
            samples.Add(record);
        }
    }

    private async Task<IReadOnlyList<GpuSample>?> GpusAsync()
    {
        if (state.Gpu is not { } smi)
        {
            return null;
        }

        try
        {
            var rows = await smi.SampleAsync(timeout, CancellationToken.None);
            return [.. rows.Select(r => new GpuSample(r.Index, r.Utilization, r.MemoryUsedMib))];
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception or IOException)
        {
            state.GpuFailed(ex.Message);
            return null;
        }
    }

    private async Task<IReadOnlyDictionary<string, double>?> MetricsAsync()
    {
        if (!state.MetricsAvailable)
        {
            return null;
        }

        var (status, body) = await endpoints.GetAsync("metrics", timeout, CancellationToken.None);
        if (status is 404 or 405 or 401 or 403)
        {
            // No Prometheus endpoint here (or not for us): stop asking for the rest of the sweep.
            state.MetricsMissing();
            return null;
        }

        return status == 200 ? PrometheusText.Parse(body, state.AllowedMetrics) : null;
    }
}
