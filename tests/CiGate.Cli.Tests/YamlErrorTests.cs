using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>Mistakes in the YAML itself and in config-wide keys: each one placed at its line and column.</summary>
public sealed class YamlErrorTests
{
    [Fact]
    public async Task YamlSyntaxError_IsReportedAtTheBadLine()
    {
        using var folder = new TempFolder();
        const string yaml = """
            version: 1
            targets:
              sim:
                simulator: {}
                  model: x
            suites: {}

            """;
        var config = folder.Write("cigate.yml", yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0001", config, YamlPlace.Of(yaml, "model: x"));
        Assert.Contains("invalid YAML", line, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", line, StringComparison.Ordinal);
    }

    /// <summary>Each line multiplies the one before by nine: 9^9 strings from a few hundred bytes ("billion laughs").</summary>
    internal static string AliasBomb()
    {
        var lines = new List<string> { "version: 1", "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (var (n, previous) = ('b', 'a'); n <= 'i'; previous = n, n++)
        {
            lines.Add($"{n}: &{n} [{string.Join(",", Enumerable.Repeat($"*{previous}", 9))}]");
        }

        return string.Join("\n", lines) + "\n";
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public async Task AliasBomb_IsRefusedAtOnce_AtTheAliasThatBreaksTheBound(string command)
    {
        using var folder = new TempFolder();
        var yaml = AliasBomb();
        var config = folder.Write("cigate.yml", yaml);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await CliRunner.RunAsync(command == "run" ? [command, config, "--out", Path.Combine(folder.Path, "out")] : [command, config]);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0021", config, YamlPlace.Of(yaml, "*d"));
        Assert.Contains("alias bomb", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AliasBomb_InAnImportedPromptfooFileOrAChatPromptFile_IsRefusedToo()
    {
        using var folder = new TempFolder();
        var bomb = AliasBomb().Replace("version: 1\n", "", StringComparison.Ordinal);
        var source = folder.Write("promptfooconfig.yaml", bomb);
        var chat = "- role: user\n  content: hi\n- " + bomb.Replace("\n", "\n  ", StringComparison.Ordinal).TrimEnd();
        folder.Write("chat.yaml", chat);
        var config = folder.Write("cigate.yml", """
            version: 1
            targets:
              sim: { simulator: {} }
            suites:
              chat:
                kind: prompts
                prompts: [ { id: c, file: chat.yaml } ]
                tests: [ { vars: { q: x } } ]

            """);

        var imported = await CliRunner.RunAsync("import", "promptfoo", source, "--out", folder.File("imported.yml"));
        var validated = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(imported);
        CliAssert.HasError(imported, "CIGATE0021", source, YamlPlace.Of(bomb, "*d"));
        CliAssert.Fails(validated);
        CliAssert.HasError(validated, "CIGATE0021", folder.File("chat.yaml"), YamlPlace.Of(chat, "*d"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NestingThousandsDeep_IsACodeNotACrash(bool flow)
    {
        using var folder = new TempFolder();
        var yaml = flow
            ? "version: 1\ntargets: " + new string('[', 20_000) + new string(']', 20_000) + "\n"
            : "version: 1\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => new string(' ', 2 * i) + $"k{i}:\n"));
        var config = folder.Write("cigate.yml", yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = Assert.Single(CliAssert.ErrorLines(result, "CIGATE0020"));
        Assert.StartsWith($"{config}({(flow ? 2 : 66)},", line, StringComparison.Ordinal);
        Assert.Contains("nests deeper than 64 levels", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnchorsAliasesAndMergeKeys_StillLoad()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace(
            Configs.SimTarget,
            """
              sim: &sim
                simulator: &settings { accuracy: 0.7, seed: 1 }
                concurrency: 4
              sim2: *sim
              sim3:
                <<: *sim
                simulator: { <<: *settings, seed: 2 }
            """,
            StringComparison.Ordinal);
        Assert.NotEqual(Configs.Valid, yaml);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("3 target(s)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnclosedFlowMapping_IsAYamlError()
    {
        using var folder = new TempFolder();
        var config = folder.Write("cigate.yml", "version: 1\ntargets:\n  sim: {simulator: {}\n  x: 1\n");

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        Assert.StartsWith(config, Assert.Single(CliAssert.ErrorLines(result, "CIGATE0001")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootThatIsNotAMapping_IsAWrongType()
    {
        using var folder = new TempFolder();
        var config = folder.Write("cigate.yml", "- targets\n- suites\n");

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0003", config, (1, 1));
    }

    [Fact]
    public async Task UnknownTopLevelKey_IsPlacedOnTheKey()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid + "timeout: 30s\n";
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0002", config, YamlPlace.Of(yaml, "timeout: 30s"));
        Assert.Contains("unknown key 'timeout' in 'config'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTargetKey_SuggestsTheClosestKey()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace("    concurrency: 4", "    concurency: 4", StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0002", config, YamlPlace.Of(yaml, "concurency"));
        Assert.Contains("in 'targets.sim'; did you mean 'concurrency'?", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongType_IsPlacedOnTheValue()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace("concurrency: 4", "concurrency: many", StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0003", config, YamlPlace.Of(yaml, "many"));
        Assert.Contains("'targets.sim.concurrency' must be an integer", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidDuration_IsPlacedOnTheValue()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace("concurrency: 4", "concurrency: 4\n    timeout: soon", StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0005", config, YamlPlace.Of(yaml, "soon"));
        Assert.Contains("'targets.sim.timeout' must be a duration", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemperatureOutOfRange_NamesTheRange()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace("concurrency: 4", "concurrency: 4\n    temperature: 2.5", StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0005", config, YamlPlace.Of(yaml, "2.5"));
        Assert.Contains("between 0 and 2, not 2.5", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedVersion_IsAnInvalidValue()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace("version: 1", "version: 2", StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0005", config, (1, 10));
    }

    [Fact]
    public async Task ThreeIndependentMistakes_AreAllReportedAtOnce()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid
            .Replace("concurrency: 4", "concurrency: 4\n    timeout: soon", StringComparison.Ordinal)
            .Replace("id: id }", "id: id, sample: sometimes }", StringComparison.Ordinal)
            .Replace("- name: letter", "- name: letter\n          strip: {}", StringComparison.Ordinal);
        var config = Configs.WriteWithData(folder, yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0005", config, YamlPlace.Of(yaml, "soon"));
        CliAssert.HasError(result, "CIGATE0005", config, YamlPlace.Of(yaml, "sometimes"));
        CliAssert.HasError(result, "CIGATE0003", config, YamlPlace.Of(yaml, "{}"));
        Assert.Equal(3, CliAssert.ErrorLines(result).Count);
        Assert.Contains("3 errors", result.Stderr, StringComparison.Ordinal);
    }
}
