using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>Mistakes on the command line and in the config path.</summary>
public sealed class CommandLineErrorTests
{
    [Fact]
    public async Task ConfigNotFound_NamesThePathAndSuggestsInit()
    {
        using var folder = new TempFolder();
        var missing = folder.File("nope.yml");

        var result = await CliRunner.RunAsync("validate", missing);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0006", missing);
        Assert.Contains("cigate init", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderWithoutYmlFiles_IsConfigNotFound()
    {
        using var folder = new TempFolder();
        folder.Write("notes.txt", "not a config");

        var result = await CliRunner.RunAsync("run", folder.Path, "--out", folder.File("out"));

        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0006", Path.GetFullPath(folder.Path));
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public async Task TwoFilesInAFolderDefiningTheSameSuite_IsADuplicate()
    {
        using var folder = new TempFolder();
        folder.Write("data.jsonl", Datasets.Jsonl(3));
        folder.Write("0-targets.yml", "version: 1\ntargets:\n" + Configs.SimTarget + "\n");
        var suites = "suites:\n" + Configs.QaSuite + "\n";
        folder.Write("1-first.yml", suites);
        var second = folder.Write("2-second.yml", suites);

        var result = await CliRunner.RunAsync("validate", folder.Path);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0010", second, YamlPlace.Of(suites, "qa:"));
        Assert.Contains("suite 'qa' is defined twice", line, StringComparison.Ordinal);
        Assert.Single(CliAssert.ErrorLines(result));
    }

    [Fact]
    public async Task UnknownOption_IsAUsageError()
    {
        using var folder = new TempFolder();
        var config = Configs.WriteWithData(folder);

        var result = await CliRunner.RunAsync("run", config, "--out", folder.File("out"), "--no-such-option");

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0012");
        Assert.Contains("--no-such-option", line, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out/items.jsonl")));
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError()
    {
        var result = await CliRunner.RunAsync("frobnicate");

        CliAssert.Fails(result);
        Assert.Contains(CliAssert.ErrorLines(result, "CIGATE0012"), l => l.Contains("'frobnicate'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NonNumericLimit_IsAUsageError()
    {
        using var folder = new TempFolder();
        var config = Configs.WriteWithData(folder);

        var result = await CliRunner.RunAsync("run", config, "--limit", "lots");

        CliAssert.Fails(result);
        Assert.Contains("lots", CliAssert.HasError(result, "CIGATE0012"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("0")]
    public async Task LimitBelowOne_IsAUsageError(string value)
    {
        using var folder = new TempFolder();
        var config = Configs.WriteWithData(folder);

        var result = await CliRunner.RunAsync("run", config, "--out", folder.File("out"), "--limit", value, "--quiet");

        CliAssert.Fails(result);
        Assert.Contains($"--limit must be at least 1, got {value}", CliAssert.HasError(result, "CIGATE0012"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public async Task UnknownSuiteOnTheCommandLine_ListsTheSuites()
    {
        using var folder = new TempFolder();
        var config = Configs.WriteWithData(folder);

        var result = await CliRunner.RunAsync("run", config, "--out", folder.File("out"), "--suite", "qaa", "--quiet");

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0007", config);
        Assert.Contains("no suite named 'qaa'; the config has qa", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimWithAMissingAnswerKey_IsDatasetNotFound()
    {
        using var folder = new TempFolder();
        var missing = folder.File("keys/mmlu.jsonl");

        var result = await CliRunner.RunAsync("sim", "--port", "0", "--answers", $"mmlu-pro={missing}");

        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0101", missing);
    }
}
