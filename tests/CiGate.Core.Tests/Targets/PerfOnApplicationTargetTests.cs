using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Targets;

/// <summary>
/// A perf suite times tokens from an OpenAI streaming endpoint: on an exec or http target it is refused at load.
/// </summary>
public sealed class PerfOnApplicationTargetTests
{
    private const string Targets = """
        targets:
          local: { base_url: "http://127.0.0.1:8000/v1", model: m }
          app: { type: exec, command: [python3, app.py] }
          api: { type: http, url: "http://127.0.0.1:8080/a", body: { q: "{{ prompt }}" }, response: { output: /a } }
        suites:
          latency:
            kind: perf
            workload: { output_tokens: 8 }

        """;

    [Theory]
    [InlineData("    targets: [local, app]\n", 9, 14, "target 'app' (type: exec); perf times tokens")]
    [InlineData("    targets: [api]\n", 9, 14, "target 'api' (type: http); perf times tokens")]
    public void A_perf_suite_naming_an_exec_or_http_target_is_one_CIGATE0314_at_its_targets(
        string targets, int line, int column, string message)
    {
        using var folder = new TempFolder();
        var path = folder.Write("cigate.yml", Targets + targets);

        var error = Assert.Single(Assert.Throws<CiGateException>(() => ConfigLoader.Load(path)).Diagnostics);

        Assert.Equal(("CIGATE0314", path, line, column), (error.Code, error.File, error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_targets_the_suite_is_refused_once_per_application_target_at_the_suite()
    {
        using var folder = new TempFolder();
        var path = folder.Write("cigate.yml", Targets);

        var errors = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path)).Diagnostics;

        Assert.Equal(["CIGATE0314", "CIGATE0314"], errors.Select(e => e.Code));
        Assert.All(errors, e => Assert.Contains("a suite without 'targets:' runs on every target", e.Message,
            StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Equal(7, e.Line));
    }

    [Fact]
    public void A_perf_suite_on_the_model_target_loads_beside_exec_and_http_targets()
    {
        using var folder = new TempFolder();
        var path = folder.Write("cigate.yml", Targets + "    targets: [local]\n");

        var suite = Assert.IsType<PerfSuite>(Assert.Single(ConfigLoader.Load(path).Suites));

        Assert.Equal(["local"], suite.Targets);
    }
}
