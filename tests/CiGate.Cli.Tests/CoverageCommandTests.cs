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

        // act
        var result = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", ExampleConfig(), "--json", json, "--markdown", markdown);

        // assert
        CliAssert.Succeeds(result);
        Assert.StartsWith("coverage ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("uncovered #1: 50.0% of traffic (30), 100.0% of negative feedback", result.Stdout, StringComparison.Ordinal);
        var outputs = new[] { result.Stdout, File.ReadAllText(json), File.ReadAllText(markdown) };
        Assert.Contains("Refund order", outputs[2], StringComparison.Ordinal);
        Assert.All(outputs, o => Assert.DoesNotContain("@example.com", o, StringComparison.Ordinal));
        Assert.All(outputs, o => Assert.DoesNotContain("555-01", o, StringComparison.Ordinal));
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
