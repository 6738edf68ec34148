using CiGate.MSBuild.Tests.Support;

namespace CiGate.MSBuild.Tests;

/// <summary>
/// The package as a user gets it: packed to a local feed, referenced by a throwaway project, and
/// run with `dotnet build -t:CiGate` against CiGate's simulator.
/// </summary>
public sealed class EndToEndTests(PackageFeed feed) : IClassFixture<PackageFeed>
{
    [Fact]
    public async Task A_passing_run_writes_results_and_an_unchanged_suite_is_not_rerun()
    {
        // arrange
        var project = new ThrowawayProject(feed, "pass");
        project.WriteConfig("0.9");

        // act
        var first = await project.BuildAsync();
        var written = File.GetLastWriteTimeUtc(project.ResultsJson);
        var second = await project.BuildAsync();
        var unchanged = File.GetLastWriteTimeUtc(project.ResultsJson);
        var forced = await project.BuildAsync("CiGateForce=true");

        // assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(File.Exists(project.ResultsJson), first.ToString());
        Assert.Contains("arithmetic on sim (cigate-sim): 40 items", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Skipping target \"CiGateRun\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
        Assert.Equal(written, unchanged);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.DoesNotContain("Skipping target \"CiGateRun\"", forced.Output, StringComparison.Ordinal);
        Assert.Contains("arithmetic on sim (cigate-sim): 40 items", forced.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drop_from_the_base_run_fails_the_build_with_a_CIGATE_error()
    {
        // arrange: the base run at 0.95, then the same suite and seed at 0.3 (right on a subset of the same items)
        var project = new ThrowawayProject(feed, "gate");
        project.WriteConfig("0.95");
        var baseRun = await project.BuildAsync("CiGateOutput=obj/cigate-base/");
        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        project.WriteConfig("0.3");

        // act
        var failed = await project.BuildAsync("CiGateBaseResults=obj/cigate-base/");
        var tolerated = await project.BuildAsync("CiGateBaseResults=obj/cigate-base/", "CiGateFailOnRegression=false");

        // assert
        Assert.True(failed.ExitCode != 0, failed.ToString());
        Assert.Matches(@"cigate\.yml : error CIGATE0601: gate failed: fail arithmetic on sim exact_match,mmlu-pro: \d+\.\d% -> \d+\.\d% \(", failed.Output);
        Assert.Contains("Build FAILED.", failed.Output, StringComparison.Ordinal);
        // The run is up to date the second time, but the gate is evaluated again and still reported.
        Assert.True(tolerated.ExitCode == 0, tolerated.ToString());
        Assert.Contains("Skipping target \"CiGateRun\"", tolerated.Output, StringComparison.Ordinal);
        Assert.Contains("warning CIGATE0601: gate failed:", tolerated.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error CIGATE", tolerated.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_error_is_a_build_error_at_its_file_line_and_column()
    {
        // arrange: a misspelt key on line 10, column 5
        var project = new ThrowawayProject(feed, "config-error");
        project.WriteConfig("0.9", "    generaton: { max_tokens: 256 }");

        // act
        var result = await project.BuildAsync();
        var again = await project.BuildAsync();

        // assert
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("cigate.yml(10,5): error CIGATE0002: unknown key 'generaton'", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(project.ResultsJson));
        // A failed run is never up to date: the next build reports the error again.
        Assert.True(again.ExitCode != 0, again.ToString());
        Assert.Contains("cigate.yml(10,5): error CIGATE0002", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warn_verdict_is_a_warning_unless_warnings_are_errors()
    {
        // arrange: a drop far past warn_drop but under max_drop
        var project = new ThrowawayProject(feed, "warn");
        const string gate = "    gate: { max_drop: 95.0, warn_drop: 5.0 }";
        project.WriteConfig("0.95", gate);
        var baseRun = await project.BuildAsync("CiGateOutput=obj/cigate-base/");
        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        project.WriteConfig("0.3", gate);

        // act
        var warned = await project.BuildAsync("CiGateBaseResults=obj/cigate-base/");
        var strict = await project.BuildAsync("CiGateBaseResults=obj/cigate-base/", "CiGateWarnAsError=true");

        // assert
        Assert.True(warned.ExitCode == 0, warned.ToString());
        Assert.Contains("cigate.yml : warning CIGATE0602: gate warned: warn arithmetic on sim", warned.Output, StringComparison.Ordinal);
        Assert.True(strict.ExitCode != 0, strict.ToString());
        Assert.Contains("cigate.yml : error CIGATE0602: gate warned: warn arithmetic on sim", strict.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_an_error_that_says_it_is_infrastructure()
    {
        // arrange: nothing listens on the discard port
        var project = new ThrowawayProject(feed, "infra");
        File.WriteAllText(Path.Combine(project.Folder, "cigate.yml"), """
            version: 1
            targets:
              dead: { base_url: "http://127.0.0.1:9/v1", model: nothing, retries: { max_attempts: 1 } }
            suites:
              arithmetic: { preset: mmlu-pro, dataset: { path: data/questions.jsonl } }
            """);

        // act
        var result = await project.BuildAsync();

        // assert
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("cigate.yml : error CIGATE0301: target 'dead' is unreachable", result.Output, StringComparison.Ordinal);
        Assert.Contains("cigate.yml : error CIGATE0603: infrastructure error, not a quality regression", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(project.ResultsJson));
    }

    [Fact]
    public async Task Only_the_suites_in_CiGateSuites_run()
    {
        // arrange: a second suite over the same questions
        var project = new ThrowawayProject(feed, "suites");
        project.WriteConfig("0.9", "  again: { preset: mmlu-pro, dataset: { path: data/questions.jsonl } }");

        // act
        var result = await project.BuildAsync("CiGateSuites=again");

        // assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("again on sim (cigate-sim): 40 items", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("arithmetic on sim", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CiGateToolPath_that_does_not_exist_is_reported_as_such()
    {
        var project = new ThrowawayProject(feed, "no-tool");
        project.WriteConfig("0.9");

        var result = await project.BuildAsync("CiGateToolPath=" + Path.Combine(project.Folder, "missing", "cigate.dll"));

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("error CIGATE0600: cigate was not found at CiGateToolPath", result.Output, StringComparison.Ordinal);
    }
}
