using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>Mistakes in targets: and in the references suites make to them.</summary>
public sealed class TargetErrorTests
{
    [Fact]
    public async Task MissingBaseUrl_IsReportedOnTheTarget()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace("targets:\n", "targets:\n  local:\n    model: my-model\n", StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0004", config, YamlPlace.Of(yaml, "model: my-model"));
        Assert.Contains("'targets.local' is missing the required key 'base_url'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsetApiKeyVariable_IsPlacedOnTheVariableName()
    {
        using var folder = new TempFolder();
        var variable = "CIGATE_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        var yaml = Configs.Valid.Replace(
            "targets:\n" + Configs.SimTarget,
            $"targets:\n  remote:\n    base_url: http://127.0.0.1:{ClosedPort.Find()}/v1\n    model: m\n    api_key_env: {variable}",
            StringComparison.Ordinal);
        Assert.Contains("api_key_env", yaml, StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("run", config, "--out", folder.File("out"), "--quiet");

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0011", config, YamlPlace.Of(yaml, variable));
        Assert.Contains($"environment variable '{variable}', which is not set or empty", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaseUrlThatIsNotHttp_IsPlacedOnTheValue()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace("targets:\n", "targets:\n  local:\n    base_url: ftp://example.com/v1\n    model: m\n", StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0005", config, YamlPlace.Of(yaml, "ftp://"));
        Assert.Contains("must be an http(s) URL", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuiteUsingAnUndefinedTarget_SuggestsTheClosestTarget()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace("  qa:\n", "  qa:\n    targets: [simm]\n", StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0007", config, YamlPlace.Of(yaml, "[simm]"));
        Assert.Contains("suite 'qa' uses target 'simm', which is not defined; did you mean 'sim'?", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFaultKind_ListsTheKnownKinds()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace("seed: 1 }", "seed: 1, faults: { rate: 0.1, kinds: [429, teapot] } }", StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0005", config, YamlPlace.Of(yaml, "[429, teapot]"));
        Assert.Contains("unknown fault kind 'teapot'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetDefinedTwiceAcrossFiles_IsADuplicate()
    {
        using var folder = new TempFolder();
        folder.Write("data.jsonl", Datasets.Jsonl(3));
        folder.Write("a.yml", Configs.Valid);
        var second = "targets:\n" + Configs.SimTarget + "\n";
        var b = folder.Write("b.yml", second);

        var result = await CliRunner.RunAsync("validate", folder.Path);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0010", b, YamlPlace.Of(second, "sim:"));
        Assert.Contains("target 'sim' is defined twice", line, StringComparison.Ordinal);
    }
}
