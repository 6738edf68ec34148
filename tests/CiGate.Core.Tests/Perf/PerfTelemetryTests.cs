using CiGate.Core.Suites.Perf.Telemetry;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Perf;

/// <summary>A sweep against the simulator records where it ran and what the server's gauges did under its load.</summary>
[Collection(PerfHarness.Collection)]
public sealed class PerfTelemetryTests
{
    [Fact]
    public async Task A_sweep_samples_gauges_and_gpus_per_load_point_and_records_its_environment()
    {
        // arrange: 2 decode slots and 6 streams, so 2 run and 4 wait; a fake nvidia-smi with one GPU.
        ServerProcessTests.SkipOnWindows();
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "results");
        Environment.SetEnvironmentVariable(NvidiaSmi.OverrideVariable, FakeNvidiaSmi.Write(temp, gpus: 1));
        PerfHarness.Outcome run;
        try
        {
            run = await PerfHarness.RunAsync(
                """
                workload: { prompt_tokens: 16, output_tokens: 20, tokenizer: words }
                profile: concurrent
                concurrency: 6
                max_requests: 24
                sample_interval: 100ms
                """,
                o =>
                {
                    o.Performance.MaxConcurrentDecodes = 2;
                    o.TimeToFirstToken = TimeSpan.FromMilliseconds(20);
                    o.InterTokenLatency = TimeSpan.FromMilliseconds(10);
                },
                folder);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NvidiaSmi.OverrideVariable, null);
        }

        // assert: the raw samples...
        var samples = TelemetryFiles.ReadSamples(folder).ToList();
        Assert.True(samples.Count >= 3, $"{samples.Count} samples");
        Assert.All(samples, s => Assert.Equal(("perf", "sim", "concurrent-6", 0), (s.Suite, s.Target, s.LoadPoint, s.Repeat)));
        Assert.All(samples, s => Assert.Equal(50, Assert.Single(s.Gpus!).Utilization));
        Assert.True(samples.Zip(samples.Skip(1)).All(p => p.First.TMs < p.Second.TMs));

        // ...their summary per load point...
        var series = Assert.Single(run.Perf.LoadPoints).Samples!;
        Assert.Equal(2, series["vllm:num_requests_running"].Max);
        Assert.True(series["vllm:num_requests_waiting"].Max >= 1, "no sample saw a queue");
        Assert.Equal(1, series["vllm:kv_cache_usage_perc"].Max);
        Assert.Equal(50, series["gpu_utilization_pct"].Mean);
        Assert.Equal(samples.Count, series["gpu_memory_used_mib"].N);

        // ...and the environment.
        var environment = run.Perf.Environment!;
        Assert.Equal("cigate-sim", environment.ServerKind);
        Assert.Equal("NVIDIA H100 80GB HBM3", Assert.Single(environment.Gpus).Name);
        Assert.False(environment.ServerStarted);
    }

    [Fact]
    public async Task Sampling_off_writes_no_samples_and_keeps_the_summary_as_before()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "results");

        var run = await PerfHarness.RunAsync(
            """
            workload: { prompt_tokens: 8, output_tokens: 4, tokenizer: words }
            profile: synchronous
            max_requests: 5
            sample_interval: off
            """,
            folder: folder);

        Assert.False(File.Exists(Path.Combine(folder, SampleRecord.FileName)));
        Assert.Null(Assert.Single(run.Perf.LoadPoints).Samples);
        Assert.DoesNotContain("\"samples\": {", await File.ReadAllTextAsync(Path.Combine(folder, "results.json"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.NotNull(run.Perf.Environment);
    }
}
