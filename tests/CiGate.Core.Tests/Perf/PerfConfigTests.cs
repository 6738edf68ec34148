using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Perf;

public sealed class PerfConfigTests
{
    private const string Header = """
        version: 1
        targets:
          local: { base_url: "http://127.0.0.1:8000/v1", model: m }
        suites:
          latency:
            kind: perf

        """;

    [Fact]
    public void Reads_every_section_of_a_perf_suite()
    {
        using var temp = new TempFolder();
        var path = temp.Write("cigate.yml", Header + """
                workload: { prompt_tokens: { distribution: normal, mean: 256, stdev: 64, min: 32, max: 512 }, output_tokens: 128, prefix_tokens: 16, tokenizer: o200k_base, continuous_usage: true }
                profile: poisson
                rates: [2, 4.5]
                max_duration: 20s
                max_requests: 300
                warmup: 10%
                cooldown: 2s
                timeout: 45s
                slo: [ { ttft_p95_ms: 250 }, { at: poisson-4.5, itl_p99_ms: 50 } ]
                regression: { margin: 15%, warn: 5%, metrics: [ttft_p50, e2e_p99] }
                repeats: 2
            """);

        var suite = Assert.IsType<PerfSuite>(Assert.Single(ConfigLoader.Load(path).Suites));

        Assert.Equal(new LengthSpec(LengthDistribution.Normal, 256, 64, 32, 512), suite.Workload.PromptTokens);
        Assert.Equal(LengthSpec.Fixed(128), suite.Workload.OutputTokens);
        Assert.Equal(16, suite.Workload.PrefixTokens);
        Assert.Equal("o200k_base", suite.Workload.Tokenizer);
        Assert.True(suite.Workload.IgnoreEos);
        Assert.Equal(ProfileKind.Poisson, suite.Profile.Kind);
        Assert.Equal([2, 4.5], suite.Profile.Rates);
        Assert.Equal(TimeSpan.FromSeconds(20), suite.Profile.MaxDuration);
        Assert.Equal(new PhaseTrim(0.1, TimeSpan.Zero), suite.Profile.Warmup);
        Assert.Equal(new PhaseTrim(0, TimeSpan.FromSeconds(2)), suite.Profile.Cooldown);
        Assert.Equal([new SloLimit("ttft", 95, 250), new SloLimit("itl", 99, 50, "poisson-4.5")], suite.Slos);
        Assert.Equal(15, suite.Regression.MarginPercent);
        Assert.Equal(["ttft_p50", "e2e_p99"], suite.Regression.Metrics);
        Assert.Equal(2, suite.Repeats);
    }

    [Fact]
    public void Slos_and_the_regression_rule_stay_out_of_the_definition_hash()
    {
        using var temp = new TempFolder();
        var a = ConfigLoader.Load(temp.Write("a.yml", Header + "    workload: { output_tokens: 8 }\n    slo: { ttft_p95_ms: 100 }\n")).Suites[0];
        var b = ConfigLoader.Load(temp.Write("b.yml", Header + "    workload: { output_tokens: 8 }\n    slo: { ttft_p95_ms: 300 }\n    regression: { margin: 20% }\n    repeats: 3\n")).Suites[0];
        var c = ConfigLoader.Load(temp.Write("c.yml", Header + "    workload: { output_tokens: 9 }\n")).Suites[0];

        Assert.Equal(a.DefinitionHash, b.DefinitionHash);
        Assert.NotEqual(a.DefinitionHash, c.DefinitionHash);
    }

    [Theory]
    [InlineData("    workload: { output_tokens: 8, max_tokns: 3 }\n", "unknown key 'max_tokns' in 'suites.latency.workload'")]
    [InlineData("    workload: { output_tokens: 8 }\n    profile: constant\n", "needs 'rates:'")]
    [InlineData("    workload: { output_tokens: 8 }\n    profile: bursty\n", "'suites.latency.profile' must be one of")]
    [InlineData("    workload: { output_tokens: 8 }\n    receive_clock: wall\n", "'suites.latency.receive_clock' must be one of")]
    [InlineData("    workload: { output_tokens: 8 }\n    slo: { ttft_p95: 250 }\n", "unknown SLO 'ttft_p95'")]
    [InlineData("    workload: { output_tokens: 8 }\n    warmup: 70%\n", "below 50%")]
    [InlineData("    workload: { output_tokens: 8, tokenizer: llama }\n", "must be one of cl100k_base, o200k_base, words")]
    [InlineData("    profile: synchronous\n", "needs 'workload:'")]
    [InlineData("    workload: { output_tokens: 8 }\n    profile: slo-search\n", "needs 'slo:'")]
    public void Mistakes_are_reported_with_file_and_line(string body, string expected)
    {
        using var temp = new TempFolder();
        var path = temp.Write("cigate.yml", Header + body);

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path));

        Assert.Contains(error.Diagnostics, d => d.ToString().Contains(expected, StringComparison.Ordinal) && d.File == path && d.Line > 0);
    }
}
