using CiGate.Core.Reporting;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Suites.Perf.Telemetry;

namespace CiGate.Core.Tests.Perf;

/// <summary>The report's "server under load" columns across servers' own gauge names, and the environment line.</summary>
public sealed class ServerLoadTests
{
    [Fact]
    public void Sglang_and_tgi_gauges_land_in_the_same_columns_as_vllm_ones()
    {
        // arrange: SGLang's token_usage is a fraction like vLLM's kv cache; TGI has no KV gauge
        var sglang = new Dictionary<string, SeriesStats> { ["sglang:num_running_reqs"] = new(10, 12, 5), ["sglang:num_queue_reqs"] = new(1, 2, 5), ["sglang:token_usage"] = new(0.3, 0.655, 5) };
        var tgi = new Dictionary<string, SeriesStats> { ["tgi_batch_current_size"] = new(6, 7, 5), ["tgi_queue_size"] = new(0, 0, 5) };
        PerfCurvePoint Point(string side, IReadOnlyDictionary<string, SeriesStats>? samples) => new(side, "concurrent-8", 3, 40, 60, 10, 12, 300, samples);

        // act
        var rows = ServerLoad.Rows([Point("base", sglang), Point("head", tgi)], ReportFormat.Markdown);

        // assert
        Assert.Equal(("12", "2", "65.5%", "–"), (rows[0].Running, rows[0].Waiting, rows[0].KvCache, rows[0].GpuUtilization));
        Assert.Equal(("7", "0", "–"), (rows[1].Running, rows[1].Waiting, rows[1].KvCache));
    }

    [Fact]
    public void No_samples_anywhere_means_no_table()
    {
        Assert.Empty(ServerLoad.Rows([new PerfCurvePoint("head", "synchronous", 1, 40, 60, 10, 12, 100)], ReportFormat.Markdown));
    }

    [Fact]
    public void The_environment_line_names_gpus_driver_server_and_runner_and_says_when_no_gpu_was_seen()
    {
        var gpu = new PerfEnvironment
        {
            Gpus = [new GpuInfo(0, "NVIDIA H100 80GB HBM3", "550.54.15", 81559), new GpuInfo(1, "NVIDIA H100 80GB HBM3", "550.54.15", 81559)],
            ServerKind = "vllm",
            ServerVersion = "0.6.3",
            ServerStarted = true,
            Runner = "gpu-1",
            CpuCount = 16,
        };

        Assert.Equal("2× NVIDIA H100 80GB HBM3 (driver 550.54.15, 81559 MiB), vllm 0.6.3, started by cigate, runner gpu-1, 16 CPUs", EnvironmentDiff.Describe(gpu));
        Assert.Equal("no GPU seen (nvidia-smi absent or failed), runner ci", EnvironmentDiff.Describe(new PerfEnvironment { Runner = "ci" }));
    }
}
