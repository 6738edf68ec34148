using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Perf;

/// <summary>A simulated target's `performance:` block: the server-under-load options a perf suite runs against.</summary>
public sealed class SimulatorPerformanceConfigTests
{
    private const string Suites = """
        suites:
          latency:
            kind: perf
            workload: { output_tokens: 8 }

        """;

    [Fact]
    public void Reads_every_performance_key()
    {
        using var temp = new TempFolder();
        var path = temp.Write("cigate.yml", """
            version: 1
            targets:
              sim:
                simulator:
                  ttft: 40ms
                  itl: 5ms
                  performance: { slowdown: 1.2, max_concurrent_decodes: 16, batch_itl_growth: 0.05, send_usage: false, send_timestamps: true, mid_stream_error_every: 50, decode_steps: true }
            """ + "\n" + Suites);

        var simulator = ConfigLoader.Load(path).Targets.Single().Simulator!;

        Assert.Equal(TimeSpan.FromMilliseconds(40), simulator.TimeToFirstToken);
        Assert.Equal(TimeSpan.FromMilliseconds(5), simulator.InterTokenLatency);
        Assert.Equal(new SimulatorPerformance(1.2, 16, 0.05, SendUsage: false, SendTimestamps: true, MidStreamErrorEvery: 50, DecodeSteps: true), simulator.Performance);
    }

    [Fact]
    public void Without_the_block_the_simulator_has_no_load_behaviour()
    {
        using var temp = new TempFolder();
        var path = temp.Write("cigate.yml", "version: 1\ntargets:\n  sim: { simulator: { itl: 5ms } }\n" + Suites);

        Assert.Null(ConfigLoader.Load(path).Targets.Single().Simulator!.Performance);
    }

    [Theory]
    [InlineData("{ slowdwn: 1.2 }", "unknown key 'slowdwn' in 'targets.sim.simulator.performance'")]
    [InlineData("{ slowdown: 0 }", "'targets.sim.simulator.performance.slowdown' must be between")]
    [InlineData("{ max_concurrent_decodes: -1 }", "max_concurrent_decodes")]
    [InlineData("{ send_usage: maybe }", "'targets.sim.simulator.performance.send_usage' must be true or false")]
    public void Mistakes_are_reported_with_file_and_line(string block, string expected)
    {
        using var temp = new TempFolder();
        var path = temp.Write("cigate.yml", $"version: 1\ntargets:\n  sim:\n    simulator:\n      performance: {block}\n" + Suites);

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path));

        Assert.Contains(error.Diagnostics, d => d.ToString().Contains(expected, StringComparison.Ordinal) && d.File == path && d.Line == 5);
    }
}
