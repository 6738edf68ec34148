using CiGate.Core.Config;
using CiGate.Core.Suites.Perf.Telemetry;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Config;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Perf;

/// <summary>Environment capture (nvidia-smi, server probes) and the Prometheus text parser.</summary>
public sealed class TelemetryTests
{
    private static readonly string[] Allowed = ["vllm:num_requests_running", "vllm:kv_cache_usage_perc", "tgi_queue_size"];

    [Fact]
    public void Parses_the_prometheus_text_format_for_allowed_names_only()
    {
        var text = """
            # HELP vllm:num_requests_running Number of requests in model execution batches.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{engine="0",model_name="llama"} 3.0
            vllm:num_requests_running{engine="1",model_name="llama"} 2
            vllm:kv_cache_usage_perc{engine="0",model_name="a \"quoted\" {name}"} 0.25
            vllm:kv_cache_usage_perc{engine="1",model_name="b"} 0.75 1700000000000
            vllm:num_requests_waiting{engine="0"} 9
            tgi_queue_size NaN
            garbage line without a value
            """;

        var values = PrometheusText.Parse(text, Allowed);

        // Running requests add up over engines; a usage ratio is their mean; NaN and other names are left out.
        Assert.Equal(new Dictionary<string, double> { ["vllm:num_requests_running"] = 5, ["vllm:kv_cache_usage_perc"] = 0.5 }, values);
    }

    [Fact]
    public async Task Captures_gpus_from_nvidia_smi_and_the_server_from_its_own_endpoints()
    {
        // arrange: a fake nvidia-smi with two GPUs, and the simulator as the server.
        ServerProcessTests.SkipOnWindows();
        using var temp = new TempFolder();
        var smi = new NvidiaSmi(FakeNvidiaSmi.Write(temp, gpus: 2));
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions(), TestContext.Current.CancellationToken);
        using var endpoints = new ServerEndpoints(Target(sim.BaseUrl));

        // act
        var environment = await EnvironmentProbe.CaptureAsync("latency", "local", endpoints, smi, serverStarted: true, TestContext.Current.CancellationToken);

        // assert
        Assert.Equal([new GpuInfo(0, "NVIDIA H100 80GB HBM3", "550.54.15", 81559), new GpuInfo(1, "NVIDIA H100 80GB HBM3", "550.54.15", 81559)], environment.Gpus);
        Assert.Equal("cigate-sim", environment.ServerKind);
        Assert.False(string.IsNullOrEmpty(environment.ServerVersion));
        Assert.Equal([SimulatorModel.DefaultName], environment.ServedModels);
        Assert.True(environment.ServerStarted);
        Assert.Equal(Environment.ProcessorCount, environment.CpuCount);
        Assert.False(string.IsNullOrEmpty(environment.Runner));
        Assert.Empty(environment.Notes);
    }

    [Theory]
    [InlineData("/get_server_info", "{\"version\": \"0.4.6\", \"tp_size\": 1}", "sglang", "0.4.6")]
    [InlineData("/info", "{\"model_id\": \"m\", \"version\": \"3.0.1\"}", "tgi", "3.0.1")]
    [InlineData("/version", "{\"version\": \"0.8.5\"}", "vllm", "0.8.5")]
    public async Task Tells_vllm_sglang_and_tgi_apart_by_what_answers(string path, string body, string kind, string version)
    {
        using var server = new FakeHttpServer((p, _) => p == path ? (200, body) : (404, "{}"));
        using var endpoints = new ServerEndpoints(Target(server.BaseUrl));

        var environment = await EnvironmentProbe.CaptureAsync("s", "t", endpoints, null, serverStarted: false, TestContext.Current.CancellationToken);

        Assert.Equal(kind, environment.ServerKind);
        Assert.Equal(version, environment.ServerVersion);
    }

    [Fact]
    public async Task Missing_endpoints_and_no_nvidia_smi_become_notes_not_errors()
    {
        using var server = new FakeHttpServer((_, _) => (404, "not found"));
        using var endpoints = new ServerEndpoints(Target(server.BaseUrl));

        var environment = await EnvironmentProbe.CaptureAsync("s", "t", endpoints, null, serverStarted: false, TestContext.Current.CancellationToken);

        Assert.Empty(environment.Gpus);
        Assert.Null(environment.ServerKind);
        Assert.Empty(environment.ServedModels);
        Assert.Contains(environment.Notes, n => n.Contains("nvidia-smi is not on PATH", StringComparison.Ordinal));
        Assert.Contains(environment.Notes, n => n.Contains("no server version", StringComparison.Ordinal));
        Assert.Contains(environment.Notes, n => n.Contains("no served models", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Samples_gpu_utilisation_and_memory_with_na_fields_left_out()
    {
        ServerProcessTests.SkipOnWindows();
        using var temp = new TempFolder();
        var smi = new NvidiaSmi(FakeNvidiaSmi.Write(temp, gpus: 2, utilization: ["87", "[N/A]"]));

        var rows = await smi.SampleAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal([(0, (double?)87, (double?)40000), (1, null, 40000)], rows);
        var record = new SampleRecord { Gpus = [.. rows.Select(r => new GpuSample(r.Index, r.Utilization, r.MemoryUsedMib))] };
        Assert.Equal([("gpu_utilization_pct", 87.0), ("gpu_memory_used_mib", 80000.0)], record.Series());
    }

    [Fact]
    public void Summarizes_samples_per_load_point_keeping_the_last_batch_of_a_rerun()
    {
        using var temp = new TempFolder();
        SampleRecord At(string point, double t, double running) =>
            new() { Suite = "s", Target = "t", LoadPoint = point, TMs = t, Metrics = new Dictionary<string, double> { ["vllm:num_requests_running"] = running } };

        // A first try of constant-2 that failed, its re-run on resume, and another load point.
        TelemetryFiles.AppendSamples(temp.Path, [At("constant-2", 1000, 50), At("constant-2", 2000, 50)]);
        TelemetryFiles.AppendSamples(temp.Path, [At("constant-1", 1000, 1)]);
        TelemetryFiles.AppendSamples(temp.Path, [At("constant-2", 1000, 2), At("constant-2", 2000, 4)]);
        File.AppendAllText(Path.Combine(temp.Path, SampleRecord.FileName), "{\"schema\":1,\"suite\":\"s\",\"tar");

        var summary = TelemetryFiles.SummarizeSamples(temp.Path, "s", "t");

        Assert.Equal(new SeriesStats(3, 4, 2), summary[("constant-2", 0)]["vllm:num_requests_running"]);
        Assert.Equal(new SeriesStats(1, 1, 1), summary[("constant-1", 0)]["vllm:num_requests_running"]);
        Assert.Empty(TelemetryFiles.SummarizeSamples(temp.Path, "other", "t"));
    }

    [Fact]
    public void Compare_notes_a_change_of_gpus_driver_or_server_between_base_and_head()
    {
        var a100 = new PerfEnvironment { Gpus = [new GpuInfo(0, "NVIDIA A100-SXM4-80GB", "535.104", 81920)], ServerKind = "vllm", ServerVersion = "0.8.5" };
        var h100s = new PerfEnvironment { Gpus = [new GpuInfo(0, "NVIDIA H100 80GB HBM3", "550.54", 81559), new GpuInfo(1, "NVIDIA H100 80GB HBM3", "550.54", 81559)], ServerKind = "vllm", ServerVersion = "0.9.0" };

        Assert.Equal(
            ["GPUs: 1× NVIDIA A100-SXM4-80GB → 2× NVIDIA H100 80GB HBM3", "GPU driver: 535.104 → 550.54", "server: vllm 0.8.5 → vllm 0.9.0"],
            EnvironmentDiff.Notes(a100, h100s));
        Assert.Empty(EnvironmentDiff.Notes(h100s, h100s with { Runner = "another-runner" }));
        Assert.Empty(EnvironmentDiff.Notes(null, h100s));
    }

    internal static TargetConfig Target(Uri baseUrl) =>
        new("local", baseUrl, SimulatorModel.DefaultName, null, new Dictionary<string, string>(), TargetApi.Chat, 4, TimeSpan.FromSeconds(10), RetryPolicy.Default, 0, null);
}
