using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Suites.Perf.Server;
using CiGate.Core.Suites.Perf.Telemetry;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Perf;

public sealed class ServerConfigTests
{
    private const string Header = """
        version: 1
        targets:
          local: { base_url: "http://127.0.0.1:8000/v1", model: m }
        suites:
          latency:
            kind: perf
            workload: { output_tokens: 8 }

        """;

    [Fact]
    public void Reads_the_server_block_and_the_sampling_keys()
    {
        using var temp = new TempFolder();
        var path = temp.Write("cigate.yml", Header + """
                server:
                  command: vllm serve meta-llama/Llama-3.1-8B-Instruct --port 8000
                  env: { VLLM_USE_V1: "1", HF_TOKEN: "${HF_TOKEN}" }
                  cwd: models
                  ready: { url: "http://127.0.0.1:8000/health", timeout: 15m, interval: 2s }
                  log: logs/vllm.log
                  stop_timeout: 45s
                sample_interval: 500ms
                sample_metrics: [vllm:num_requests_running, custom_gauge]
            """);

        var suite = Assert.IsType<PerfSuite>(Assert.Single(ConfigLoader.Load(path).Suites));

        var server = Assert.IsType<ServerSpec>(suite.Server);
        Assert.Equal("vllm serve meta-llama/Llama-3.1-8B-Instruct --port 8000", server.Command);
        Assert.Equal("${HF_TOKEN}", server.Environment["HF_TOKEN"]);
        Assert.Equal("1", server.Environment["VLLM_USE_V1"]);
        Assert.Equal(Path.Combine(temp.Path, "models"), server.WorkingDirectory);
        Assert.Equal(new Uri("http://127.0.0.1:8000/health"), server.ReadyUrl);
        Assert.Equal(TimeSpan.FromMinutes(15), server.ReadyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), server.ReadyInterval);
        Assert.Equal("logs/vllm.log", server.LogFile);
        Assert.Equal(TimeSpan.FromSeconds(45), server.StopTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), suite.Sampling.Interval);
        Assert.Equal(["vllm:num_requests_running", "custom_gauge"], suite.Sampling.Metrics);
    }

    [Fact]
    public void Defaults_readiness_to_the_targets_health_and_sampling_to_every_second()
    {
        using var temp = new TempFolder();
        var path = temp.Write("cigate.yml", Header + "    server: { command: ./serve.sh }\n");

        var suite = Assert.IsType<PerfSuite>(Assert.Single(ConfigLoader.Load(path).Suites));

        Assert.Equal(new Uri("http://127.0.0.1:8000/health"), suite.Server!.ReadyUrlFor(new Uri("http://127.0.0.1:8000/v1")));
        Assert.Equal(ServerSpec.DefaultLogFile, suite.Server.LogFile);
        Assert.Equal(temp.Path, suite.Server.WorkingDirectory);
        Assert.Equal(SamplingSpec.Default, suite.Sampling);
    }

    [Fact]
    public void The_server_and_sampling_stay_out_of_the_definition_hash()
    {
        using var temp = new TempFolder();
        var plain = ConfigLoader.Load(temp.Write("a.yml", Header)).Suites[0];
        var served = ConfigLoader.Load(temp.Write("b.yml", Header + "    server: { command: vllm serve m }\n    sample_interval: off\n")).Suites[0];

        Assert.Equal(plain.DefinitionHash, served.DefinitionHash);
        Assert.False(((PerfSuite)served).Sampling.Enabled);
    }

    [Theory]
    [InlineData("    server: { env: { A: b } }\n", "'suites.latency.server' is missing the required key 'command'")]
    [InlineData("    server: { command: x, ready: { url: \"localhost:8000\" } }\n", "must be an absolute http(s) URL")]
    [InlineData("    server: { command: x, env: { 1BAD: y } }\n", "'1BAD' is not a valid environment variable name")]
    [InlineData("    server: { command: x, env: { A: \"${unclosed\" } }\n", "is not a valid reference")]
    [InlineData("    server: { command: x, stop_timeout: 0s }\n", "must be longer than zero")]
    [InlineData("    server: { command: x, ready: { timeout: soon } }\n", "must be a duration")]
    [InlineData("    server: { command: x, port: 8000 }\n", "unknown key 'port' in 'suites.latency.server'")]
    [InlineData("    sample_interval: 10ms\n", "'suites.latency.sample_interval' must be a duration between 100ms and 10m")]
    [InlineData("    sample_metrics: [\"not a name\"]\n", "is not a Prometheus metric name")]
    public void Reports_a_bad_server_block_with_its_position(string yaml, string expected)
    {
        using var temp = new TempFolder();
        var path = temp.Write("cigate.yml", Header + yaml);

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path));

        Assert.Equal(ExitCodes.UsageOrConfig, error.ExitCode);
        Assert.Contains(error.Diagnostics, d => d.ToString().Contains(expected, StringComparison.Ordinal) && d.File == path && d.Line > 0);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/")]
    [InlineData("http://127.0.0.1:8000/v1/", "http://127.0.0.1:8000/")]
    [InlineData("https://gpu.example/serve/v1", "https://gpu.example/serve/")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    public void The_server_root_is_the_base_url_without_v1(string baseUrl, string root)
    {
        Assert.Equal(new Uri(root), ServerRoot.Of(new Uri(baseUrl)));
    }
}
