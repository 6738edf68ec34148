using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>
/// `validate` reports, as warnings with exit 0, what `run` would refuse under the trust it is given
/// (--allow-commands, --trusted-host and their variables), so a lint job shows it before a run.
/// </summary>
public sealed class ValidateTrustTests
{
    private const string Yaml = """
        version: 1
        targets:
          remote:
            base_url: http://evil.example/v1
            model: m
            api_key_env: CIGATE_TEST_VALIDATE_KEY
        suites:
          serving:
            kind: perf
            targets: [remote]
            workload: { prompt_tokens: 8, output_tokens: 4, tokenizer: words }
            profile: concurrent
            concurrency: 1
            max_requests: 1
            server:
              command: echo never started
              ready: { timeout: 2s, interval: 100ms }
        """;

    [Fact]
    public async Task Validate_WarnsAtTheKey_ForEachPrivilegeRunWouldRefuse_AndExitsZero()
    {
        using var folder = new TempFolder();
        var config = folder.Write("cigate.yml", Yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Succeeds(result);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(2, lines.Count);
        var command = YamlPlace.Of(Yaml, "echo never started");
        var host = YamlPlace.Of(Yaml, "http://evil.example/v1");
        Assert.Contains(lines, l => l.StartsWith($"{config}({command.Line},{command.Column}): warning CIGATE0022: 'suites.serving.server.command' would start a process", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{config}({host.Line},{host.Column}): warning CIGATE0023: 'targets.remote.base_url' would send the API key from CIGATE_TEST_VALIDATE_KEY to 'evil.example'", StringComparison.Ordinal));
        Assert.DoesNotContain(" error ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 warning(s): run would refuse these", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_GivenTheTrustRunWouldBeGiven_HasNoWarnings()
    {
        using var folder = new TempFolder();
        var config = folder.Write("cigate.yml", Yaml);

        var result = await CliRunner.RunAsync("validate", config, "--allow-commands", "--trusted-host", "evil.example");

        CliAssert.Succeeds(result);
        Assert.Equal("", result.Stderr);
        Assert.DoesNotContain("warning", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_StillFailsOnAConfigError_AndWarnsNothingThen()
    {
        using var folder = new TempFolder();
        var yaml = Yaml.Replace("max_requests: 1", "max_requests: 1\n    bogus_key: 1", StringComparison.Ordinal);
        var config = folder.Write("cigate.yml", yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0002", config, YamlPlace.LineOf(yaml, "bogus_key"));
        Assert.DoesNotContain("warning CIGATE", result.Stderr, StringComparison.Ordinal);
    }
}
