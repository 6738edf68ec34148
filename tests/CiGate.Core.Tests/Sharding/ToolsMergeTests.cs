using System.Text.Json;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Sharding;
using CiGate.Core.Suites.Tools;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Config;
using CiGate.Core.Tests.Suites.Tools;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Sharding;

/// <summary>
/// Tools suites merge: three shards of a run (a BFCL subset grouped by category, and a 3-turn
/// mocked conversation with repeats) equal the run made whole: metrics, pass^k, category groups,
/// and the items with their trajectories and BFCL reasons; a compare of the merged run with itself
/// still finds the kind's trajectory section's input (the tool calls) in every item.
/// </summary>
public sealed class ToolsMergeTests
{
    [Fact]
    public async Task Three_tools_shards_merged_equal_the_unsharded_run()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataset = BfclData.Folder().Replace('\\', '/');
        var script = Path.Combine(Examples(), "sim-script.yaml");
        await using var server = await SimulatorServer.StartAsync(
            new SimulatorOptions
            {
                Models = [new SimulatorModel("fc", 0.8, 1)], BfclKeys = [dataset], Scripts = [script],
            },
            ct);
        using var folder = new TempFolder();
        var example = File.ReadAllText(Path.Combine(Examples(), "cigate.yml"));
        var desk = example[example.IndexOf("  support-desk:", StringComparison.Ordinal)..];
        var config = folder.Write("cigate.yml", $$"""
            version: 1
            targets:
              sim: { base_url: {{server.BaseUrl}}, model: fc, concurrency: 8, timeout: 10s }
            suites:
              bfcl:
                preset: bfcl
                bfcl: { dataset: "{{dataset}}", limit: 10 }
            {{desk}}
            """);

        var whole = await RunAsync(config, Path.Combine(folder.Path, "whole"), null, ct);
        var shards = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            shards.Add(await RunAsync(config, Path.Combine(folder.Path, $"shard{i}"), new ShardSpec(i, 3), ct));
        }

        var merged = Path.Combine(folder.Path, "merged");
        await ShardMerger.MergeAsync(shards, merged, ct);

        var expected = LoadedRun.Load(whole);
        var actual = LoadedRun.Load(merged);
        Assert.Equal(50 + 2 * 2, actual.Items.Count);
        foreach (var name in new[] { "bfcl", "support-desk" })
        {
            var a = expected.Results.Suites.Single(s => s.Suite == name);
            var b = actual.Results.Suites.Single(s => s.Suite == name);
            Assert.Equal(Json(a with { Usage = b.Usage }), Json(b));
        }

        Assert.Equal(5, actual.Results.Suites.Single(s => s.Suite == "bfcl").Groups!.Count);
        Assert.Contains("pass^2", actual.Results.Suites.Single(s => s.Suite == "support-desk").Metrics.Keys);
        var byKey = actual.Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        Assert.All(expected.Items, i =>
        {
            var m = byKey[i.Key];
            Assert.Equal(i.Extracted, m.Extracted);
            Assert.Equal(i.Scores, m.Scores);
            Assert.Equal(i.ToolCalls, m.ToolCalls);
            Assert.Equal(i.Group, m.Group);
        });
        var comparison = Comparer.Compare(expected, actual, new CompareOptions());
        Assert.All(comparison.Suites, s => Assert.Equal(0, s.CaseOutcomes.Count(c => c.Status is
            CaseStatus.NewlyFailing or CaseStatus.NewlyPassing)));
    }

    private static async Task<string> RunAsync(string config, string output, ShardSpec? shard, CancellationToken ct)
    {
        var loaded = ConfigLoader.Load(config);
        await using var client = TargetClientFactory.Create(loaded.Targets.Single().Config);
        var clients = new Dictionary<string, ITargetClient>(StringComparer.Ordinal) { ["sim"] = client };
        await Runner.RunAsync(
            PlanBuilder.Build(loaded), clients, new RunOptions(output, false, Shard: shard),
            new RunContext(config, "0.0.0-test"), null, ct);
        return output;
    }

    private static string Examples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var examples = Path.Combine(dir.FullName, "examples", "tools");
            if (File.Exists(Path.Combine(examples, "cigate.yml")))
            {
                return examples;
            }
        }

        throw new DirectoryNotFoundException("examples/tools not found above the test binaries");
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, ResultsJson.Options);
}
