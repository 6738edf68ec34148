using System.Text.Json;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Sharding;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Config;
using CiGate.Core.Tests.Perf;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Sharding;

/// <summary>
/// A load sweep in a sharded run: it runs whole in the one shard its name hashes to (a slice of a
/// load measures something else), the other shard lists it empty, and merge takes it from its
/// shard with its requests, next to a prompt suite merged item by item.
/// </summary>
[Collection(PerfHarness.Collection)]
public sealed class PerfMergeTests
{
    [Fact]
    public async Task A_perf_suite_runs_whole_in_one_shard_and_merges_with_its_requests()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions(), ct);
        using var folder = new TempFolder();
        var tests = string.Join("\n", Enumerable.Range(0, 6).Select(i => $"""
                  - description: case {i}
                    vars: {"{"} question: "question {i}?" {"}"}
                    assert: [ {"{"} type: max-words, value: 500 {"}"} ]
            """));
        var config = folder.Write("cigate.yml", $$"""
            version: 1
            targets:
              sim: { base_url: {{server.BaseUrl}}, model: {{SimulatorModel.DefaultName}}, timeout: 10s }
            suites:
              chat:
                kind: prompts
                prompts: [ { id: plain, text: "Answer: {{"{{"}} question {{"}}"}}" } ]
                tests:
            {{tests}}
              load:
                kind: perf
                workload: { prompt_tokens: 16, output_tokens: 4, tokenizer: words }
                profile: synchronous
                max_requests: 5
            """);
        var loaded = ConfigLoader.Load(config);
        var shards = new List<string>();
        for (var i = 1; i <= 2; i++)
        {
            var clients = loaded.Targets.ToDictionary(
                t => t.Name, t => TargetClientFactory.Create(t.Config), StringComparer.Ordinal);
            var output = Path.Combine(folder.Path, $"shard{i}");
            var options = new RunOptions(output, false, Shard: new ShardSpec(i, 2));
            var context = new RunContext(config, "0.0.0-test");
            await Runner.RunAsync(PlanBuilder.Build(loaded), clients, options, context, null, ct);
            foreach (var client in clients.Values)
            {
                await client.DisposeAsync();
            }

            shards.Add(output);
        }

        await ShardMerger.MergeAsync(shards, Path.Combine(folder.Path, "merged"), ct);

        var owner = ShardSpec.Of("load", 2);
        var ran = LoadedRun.Load(shards[owner - 1]);
        var skipped = LoadedRun.Load(shards[2 - owner]);
        Assert.Equal(1, ran.Results.Suites.Single(s => s.Suite == "load").Counts.Items);
        Assert.Equal(0, skipped.Results.Suites.Single(s => s.Suite == "load").Counts.Items);
        Assert.False(File.Exists(Path.Combine(skipped.Folder, PerfRequest.FileName)));
        var merged = LoadedRun.Load(Path.Combine(folder.Path, "merged"));
        var load = merged.Results.Suites.Single(s => s.Suite == "load");
        Assert.Equal(Json(ran.Results.Suites.Single(s => s.Suite == "load")), Json(load));
        Assert.Equal(5, Assert.Single(PerfSummary.Of(load)!.LoadPoints).Requests);
        var requests = File.ReadAllText(Path.Combine(ran.Folder, PerfRequest.FileName));
        Assert.Equal(requests, File.ReadAllText(Path.Combine(merged.Folder, PerfRequest.FileName)));
        Assert.Equal(6, merged.Results.Suites.Single(s => s.Suite == "chat").Counts.Completed);
        Assert.Equal(7, merged.Items.Count);

        // The merged folder is a run like any other: compare reads the perf suite's requests from it.
        var comparison = Comparer.Compare(merged, merged, new CompareOptions());
        Assert.NotNull(comparison.Suites.Single(s => s.Suite == "load").Details as PerfComparison);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, ResultsJson.Options);
}
