using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>`cigate coverage` end to end in process: the example prompts suite's cases against a small traffic file.</summary>
public sealed class CoverageCommandTests
{
    [Fact]
    public async Task Coverage_reports_the_uncovered_topic_in_every_output_without_its_pii()
    {
        // arrange: half the traffic asks what the travel suite tests, half asks for refunds (with PII)
        using var folder = new TempFolder();
        var lines = Enumerable.Range(0, 60).Select(i => i % 2 == 0
            ? $$"""{"prompt": "What is the capital of {{(i % 4 == 0 ? "France" : "Japan")}}?", "feedback": 1}"""
            : $$"""{"prompt": "Refund order {{i}} please, mail bob{{i}}@example.com or call +1 (415) 555-01{{i:00}}", "feedback": -1}""");
        var traffic = folder.Write("traffic.jsonl", string.Join('\n', lines) + "\n");
        var json = folder.File("out/coverage.json");
        var markdown = folder.File("out/coverage.md");
        var html = folder.File("out/coverage.html");

        // act
        var result = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", ExampleConfig(), "--json",
            json, "--markdown", markdown, "--html", html);

        // assert
        CliAssert.Succeeds(result);
        Assert.StartsWith("coverage ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("uncovered #1 (order, mail, call): 50.0% of traffic (30), 100.0% of negative feedback",
            result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("gate: warn: coverage 50.0% is below warn_min 60.0%\n", result.Stdout,
            StringComparison.Ordinal);
        var outputs = new[]
        {
            result.Stdout, File.ReadAllText(json), File.ReadAllText(markdown), File.ReadAllText(html),
        };
        Assert.Contains("Refund order", outputs[2], StringComparison.Ordinal);
        Assert.Contains("<td>Refund order", outputs[3], StringComparison.Ordinal);
        Assert.Contains("Gate: <strong>warn</strong>: coverage 50.0% is below warn_min 60.0%.", outputs[3],
            StringComparison.Ordinal);
        Assert.All(outputs, o => Assert.DoesNotContain("@example.com", o, StringComparison.Ordinal));
        Assert.All(outputs, o => Assert.DoesNotContain("555-01", o, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Html_from_the_traffic_is_encoded_and_the_page_runs_no_script()
    {
        // arrange: an uncovered record that is markup
        using var folder = new TempFolder();
        var traffic = folder.Write("traffic.jsonl", string.Join('\n', Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? """{"prompt": "What is the capital of France?"}"""
            : $$"""{"prompt": "<script>alert({{i}})</script> <img src=x onerror=steal()> refund"}""")) + "\n");
        var html = folder.File("coverage.html");

        // act
        var result = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", ExampleConfig(),
            "--html", html);

        // assert
        CliAssert.Succeeds(result);
        var page = File.ReadAllText(html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=steal()&gt; refund", page,
            StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_malformed_traffic_record_is_one_placed_line_and_exit_2()
    {
        // arrange
        using var folder = new TempFolder();
        var traffic = folder.Write("traffic.jsonl", "{\"prompt\": \"ok\"}\n{\"prompt\": oops}\n");

        // act
        var result = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", ExampleConfig());

        // assert
        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0801", traffic, (2, 12));
    }

    [Fact]
    public async Task Coverage_below_the_configs_min_fails_the_gate_and_every_output_names_the_verdict()
    {
        // arrange: the prompts example with its coverage gate raised to 90%; the traffic is half uncovered
        using var folder = new TempFolder();
        var config = CopyExample(folder, "coverage: { min: 0.4, warn_min: 0.6 }", "coverage: { min: 0.9 }");
        var traffic = folder.Write("traffic.jsonl", string.Join('\n', Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? $$"""{"prompt": "What is the capital of {{(i % 4 == 0 ? "France" : "Japan")}}?"}"""
            : $$"""{"prompt": "Refund order {{i}} please, it never arrived"}""")) + "\n");
        var json = folder.File("coverage.json");
        var markdown = folder.File("coverage.md");

        // act
        var result = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", config, "--json", json,
            "--markdown", markdown);

        // assert
        CliAssert.Fails(result, exitCode: 1);
        Assert.EndsWith("gate: fail: coverage 50.0% is below min 90.0%\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Gate: **fail**: coverage 50.0% is below min 90.0%.", File.ReadAllText(markdown),
            StringComparison.Ordinal);
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("fail", report.RootElement.GetProperty("gate").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Coverage_at_or_above_min_passes_the_gate()
    {
        // arrange
        using var folder = new TempFolder();
        var config = CopyExample(folder, "coverage: { min: 0.4, warn_min: 0.6 }", "coverage: { min: 0.5 }");
        var traffic = folder.Write("traffic.jsonl", string.Join('\n', Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? $$"""{"prompt": "What is the capital of {{(i % 4 == 0 ? "France" : "Japan")}}?"}"""
            : $$"""{"prompt": "Refund order {{i}} please, it never arrived"}""")) + "\n");

        // act
        var result = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", config);

        // assert
        CliAssert.Succeeds(result);
        Assert.EndsWith("gate: pass: coverage 50.0% meets min 50.0%\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_results_each_covered_cluster_reports_its_cases_pass_rate()
    {
        // arrange: a run of the prompts example (simulated); traffic asks the capitals and for refunds
        using var folder = new TempFolder();
        var run = folder.File("run");
        CliAssert.Succeeds(await CliRunner.RunAsync("run", ExampleConfig(), "--out", run, "--quiet"));
        var traffic = folder.Write("traffic.jsonl", string.Join('\n', Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? $$"""{"prompt": "What is the capital of {{(i % 4 == 0 ? "France" : "Japan")}}?"}"""
            : $$"""{"prompt": "Refund order {{i}} please, it never arrived"}""")) + "\n");
        var json = folder.File("coverage.json");
        var markdown = folder.File("coverage.md");
        var html = folder.File("coverage.html");

        // act
        var result = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", ExampleConfig(),
            "--results", run, "--json", json, "--markdown", markdown, "--html", html);

        // assert: the capitals cluster holds the France, river and Japan cases (the Louvre and winter ones lie outside
        // its radius); the simulator's script answers the river case "Paris." (no "Seine": its rubric fails), the other
        // two pass, so 2 of 3
        CliAssert.Succeeds(result);
        Assert.Contains(
            "covered #2 (capital, japan, france): 50.0% of traffic (20), pass rate 66.7% over 3 test case(s)\n",
            result.Stdout, StringComparison.Ordinal);
        Assert.Contains("| 2 | capital, japan, france | 50.0% (20) | 3 | 66.7% |", File.ReadAllText(markdown),
            StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">3</td><td class=\"n\">66.7%</td>", File.ReadAllText(html),
            StringComparison.Ordinal);
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        var clusters = report.RootElement.GetProperty("clusters").EnumerateArray().ToList();
        var covered = Assert.Single(clusters, c => c.GetProperty("covered").GetBoolean());
        Assert.Equal(0.6667, covered.GetProperty("pass_rate").GetDouble());
        Assert.Equal(3, covered.GetProperty("cases_with_results").GetInt32());
        Assert.Equal(["capital", "japan", "france"],
            covered.GetProperty("terms").EnumerateArray().Select(t => t.GetString()));
        Assert.False(clusters.Single(c => !c.GetProperty("covered").GetBoolean()).TryGetProperty("pass_rate", out _));
    }

    [Fact]
    public async Task Results_of_another_config_are_one_line_and_exit_2()
    {
        // arrange: a results folder whose suite is not the config's
        using var folder = new TempFolder();
        var other = CopyExample(folder, "  travel-assistant:\n", "  other-suite:\n");
        var run = folder.File("run");
        CliAssert.Succeeds(await CliRunner.RunAsync("run", other, "--out", run, "--quiet"));
        var traffic = folder.Write("traffic.jsonl", "{\"prompt\": \"What is the capital of France?\"}\n");

        // act
        var result = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", ExampleConfig(),
            "--results", run);

        // assert
        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0806", Path.GetFullPath(run));
    }

    [Theory]
    [InlineData("coverage: { min: 80 }", "CIGATE0005", 18, "'config.coverage.min' must be between 0 and 1, not 80")]
    [InlineData("coverage: { min: 0.8, warn_min: 0.5 }", "CIGATE0005", 33,
        "'config.coverage.warn_min' (0.5) is below min (0.8)")]
    [InlineData("coverage: { minimum: 0.8 }", "CIGATE0002", 13, "unknown key 'minimum' in 'config.coverage'")]
    public async Task A_bad_coverage_gate_is_a_placed_line_and_exit_2(string gate, string code, int column,
        string message)
    {
        // arrange
        using var folder = new TempFolder();
        var config = CopyExample(folder, "coverage: { min: 0.4, warn_min: 0.6 }", gate);
        var line = File.ReadAllLines(config).ToList()
            .FindIndex(l => l.StartsWith("coverage:", StringComparison.Ordinal)) + 1;
        var traffic = folder.Write("traffic.jsonl", "{\"prompt\": \"What is the capital of France?\"}\n");

        // act
        var result = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", config);

        // assert
        CliAssert.Fails(result);
        Assert.Contains(message, CliAssert.HasError(result, code, config, (line, column)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_coverage_gates_in_one_config_folder_are_refused()
    {
        // arrange: the example folder as the config, plus a second file with its own coverage gate
        using var folder = new TempFolder();
        var config = CopyExample(folder, "coverage: { min: 0.4, warn_min: 0.6 }", "coverage: { min: 0.5 }");
        var second = Path.Combine(Path.GetDirectoryName(config)!, "more.yml");
        File.WriteAllText(second, "version: 1\ncoverage: { min: 0.7 }\n");
        var traffic = folder.Write("traffic.jsonl", "{\"prompt\": \"What is the capital of France?\"}\n");

        // act
        var result = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config",
            Path.GetDirectoryName(config)!);

        // assert
        CliAssert.Fails(result);
        Assert.Contains("the coverage gate is defined twice", CliAssert.HasError(result, "CIGATE0010", second, (2, 11)),
            StringComparison.Ordinal);
    }

    /// <summary>A copy of the prompts example (config, prompts, simulator script) with one text replaced.</summary>
    private static string CopyExample(TempFolder folder, string text, string replacement)
    {
        var source = Path.GetDirectoryName(ExampleConfig())!;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Path, "example", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var config = Path.Combine(folder.Path, "example", "cigate.yml");
        var yaml = File.ReadAllText(config);
        Assert.Contains(text, yaml, StringComparison.Ordinal);
        File.WriteAllText(config, yaml.Replace(text, replacement, StringComparison.Ordinal));
        return config;
    }

    /// <summary>The repository's prompts example, found from the test assembly's folder up (CI maps source paths to /_/).</summary>
    private static string ExampleConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "prompts", "cigate.yml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"examples/prompts/cigate.yml not found above {AppContext.BaseDirectory}");
    }
}
