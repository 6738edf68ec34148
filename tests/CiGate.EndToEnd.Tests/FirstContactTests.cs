using CiGate.Core.Results;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// What a newcomer types first, with the real `cigate` process: plain `cigate`, `--version`,
/// `init --kind K` followed by `validate` and `run` with nothing else, and a second run in the same
/// folder.
/// </summary>
public sealed class FirstContactTests
{
    [Fact]
    public async Task Plain_cigate_shows_the_commands_instead_of_an_error()
    {
        using var folder = new TempFolder();
        var result = await CigateProcess.RunAsync(folder.Path, null);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("init", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("CIGATE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_is_a_short_semantic_version_without_a_commit()
    {
        using var folder = new TempFolder();
        var result = await CigateProcess.RunAsync(folder.Path, null, "--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        var version = result.Stdout.Trim();
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$", version);
        Assert.True(version.Length <= 32, version);
    }

    [Fact]
    public async Task Help_shows_each_default_once()
    {
        using var folder = new TempFolder();
        var result = await CigateProcess.RunAsync(folder.Path, null, "run", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        var configLine = result.Stdout.Split('\n').Single(l => l.TrimStart().StartsWith("<config>", StringComparison.Ordinal));
        Assert.Equal(1, CountOf(configLine, "default"));
    }

    [Theory]
    [InlineData("prompts")]
    [InlineData("accuracy")]
    [InlineData("safety")]
    [InlineData("tools")]
    [InlineData("perf")]
    public async Task Init_of_each_kind_validates_and_runs_against_the_simulator(string kind)
    {
        using var folder = new TempFolder();

        var init = await CigateProcess.RunAsync(folder.Path, null, "init", "--kind", kind);
        var validate = await CigateProcess.RunAsync(folder.Path, null, "validate");
        var run = await CigateProcess.RunAsync(folder.Path, TimeSpan.FromMinutes(3), "run", "--quiet");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        var results = Load(folder.File(".cigate/results"));
        Assert.Equal("complete", results.Status);
        Assert.All(results.Suites, s => Assert.Equal(0, s.Counts.Errored));
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_and_force_overwrites()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("cigate.yml"), "# mine\n", TestContext.Current.CancellationToken);

        var refused = await CigateProcess.RunAsync(folder.Path, null, "init", "--kind", "accuracy");
        var wroteNothing = !File.Exists(folder.File("data/questions.jsonl"));
        var forced = await CigateProcess.RunAsync(folder.Path, null, "init", "--kind", "accuracy", "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("file exists; pass --force to overwrite it", refused.Stderr, StringComparison.Ordinal);
        Assert.True(wroteNothing, "nothing is written when a file is refused");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("arithmetic:", await File.ReadAllTextAsync(folder.File("cigate.yml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_in_the_same_folder_says_how_to_go_on_and_force_starts_over()
    {
        using var folder = new TempFolder();
        await CigateProcess.RunAsync(folder.Path, null, "init", "--kind", "accuracy");
        var first = await CigateProcess.RunAsync(folder.Path, null, "run", "--quiet");
        var firstId = Load(folder.File(".cigate/results")).RunId;

        var again = await CigateProcess.RunAsync(folder.Path, null, "run", "--quiet");
        var forced = await CigateProcess.RunAsync(folder.Path, null, "run", "--quiet", "--force");
        var both = await CigateProcess.RunAsync(folder.Path, null, "run", "--resume", "--force");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("CIGATE0404", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("--force to discard it and start over", again.Stderr, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        var rerun = Load(folder.File(".cigate/results"));
        Assert.NotEqual(firstId, rerun.RunId);
        Assert.Equal(60, rerun.Suites.Single().Counts.Completed);
        Assert.Equal(60, File.ReadLines(folder.File(".cigate/results/items.jsonl")).Count());
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public async Task A_folder_config_reads_its_yml_files_and_leaves_yaml_data_alone()
    {
        using var folder = new TempFolder();
        await CigateProcess.RunAsync(folder.Path, null, "init", "--kind", "safety");

        var validate = await CigateProcess.RunAsync(folder.Path, null, "validate", folder.Path);

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("2 suite(s)", validate.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_on_validate_run_and_compare_prints_one_document_for_scripts()
    {
        using var folder = new TempFolder();
        await CigateProcess.RunAsync(folder.Path, null, "init", "--kind", "accuracy");

        var validated = await CigateProcess.RunAsync(folder.Path, null, "validate", "--json");
        var run = await CigateProcess.RunAsync(folder.Path, null, "run", "--quiet", "--json", "--out", "base");
        var again = await CigateProcess.RunAsync(folder.Path, null, "run", "--quiet", "--json", "--out", "base");
        var compared = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", "base", "--head", "base", "--json");

        using var validation = System.Text.Json.JsonDocument.Parse(validated.Stdout);
        Assert.True(validation.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(60, validation.RootElement.GetProperty("samples_per_target").GetInt32());
        using var results = System.Text.Json.JsonDocument.Parse(run.Stdout);
        Assert.Equal("complete", results.RootElement.GetProperty("status").GetString());
        using var refused = System.Text.Json.JsonDocument.Parse(again.Stdout);
        Assert.Equal(2, again.ExitCode);
        Assert.False(refused.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("CIGATE0404", refused.RootElement.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.Contains("CIGATE0404", again.Stderr, StringComparison.Ordinal);
        using var gate = System.Text.Json.JsonDocument.Parse(compared.Stdout);
        Assert.Equal(compared.ExitCode, gate.RootElement.GetProperty("exit_code").GetInt32());
    }

    private static RunResults Load(string folder) =>
        ResultsJson.TryRead(folder) ?? throw new InvalidOperationException($"no results.json in {folder}");

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
