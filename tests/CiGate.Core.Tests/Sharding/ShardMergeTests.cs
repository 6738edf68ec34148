using System.Text.Json;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Sharding;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Sharding;

/// <summary>A run cut in four and merged equals the same run made whole: items, counts and every metric.</summary>
public sealed class ShardMergeTests
{
    [Fact]
    public async Task Four_accuracy_shards_merged_equal_the_unsharded_run_with_repeats_groups_and_majority_votes()
    {
        using var rig = ShardRig.Accuracy(items: 90, repeats: 3);
        var whole = await rig.RunAsync("whole", null);
        var shards = await rig.RunShardsAsync(4);

        var merged = await ShardMerger.MergeAsync(shards, rig.NewFolder("merged"), TestContext.Current.CancellationToken);

        AssertSameRun(whole, rig.NewFolder("merged"));
        Assert.Null(merged.Shard);
        Assert.Equal("complete", merged.Status);
        Assert.Contains("exact_match_maj@3,mmlu-pro", merged.Suites[0].Metrics.Keys);
        Assert.Equal(3, merged.Suites[0].Groups!.Count);
    }

    [Fact]
    public async Task Four_prompt_suite_shards_merged_equal_the_unsharded_run()
    {
        using var rig = ShardRig.Prompts(cases: 14);
        var whole = await rig.RunAsync("whole", null);
        var shards = await rig.RunShardsAsync(4);

        await ShardMerger.MergeAsync(shards, rig.NewFolder("merged"), TestContext.Current.CancellationToken);

        AssertSameRun(whole, rig.NewFolder("merged"));
        var suite = LoadedRun.Load(rig.NewFolder("merged")).Results.Suites.Single();
        Assert.Equal(28, suite.Counts.Items);
        Assert.Contains("pass@2of3", suite.Metrics.Keys);
        Assert.Contains("brevity", suite.Metrics.Keys);
    }

    [Fact]
    public async Task Each_shard_records_its_part_and_the_parts_add_up_to_the_run()
    {
        using var rig = ShardRig.Accuracy(items: 120, repeats: 1);
        var shards = await rig.RunShardsAsync(4);

        var runs = shards.Select(LoadedRun.Load).ToList();

        Assert.Equal([1, 2, 3, 4], runs.Select(r => r.Results.Shard!.Index));
        Assert.All(runs, r => Assert.Equal(4, r.Results.Shard!.Count));
        Assert.All(runs, r => Assert.Equal(ShardSpec.Assignment, r.Results.Shard!.Assignment));
        Assert.All(runs, r => Assert.Equal(120, r.Results.Shard!.Suites.Single().TotalItems));
        Assert.Equal(120, runs.Sum(r => r.Results.Suites.Single().Counts.Items));
        Assert.All(runs, r => Assert.Equal(r.Results.Suites.Single().Counts.Items, r.Results.Shard!.Suites.Single().Items));
        Assert.All(runs, r => Assert.Equal(0, r.Results.Suites.Single().Counts.Missing));
        // The items of the four shards are disjoint and each sits in the shard its id hashes to.
        var all = runs.SelectMany(r => r.Items.Select(i => (i.Item, Shard: r.Results.Shard!.Index))).ToList();
        Assert.Equal(120, all.Select(a => a.Item).Distinct().Count());
        Assert.All(all, a => Assert.Equal(ShardSpec.Of(a.Item, 4), a.Shard));
    }

    [Fact]
    public async Task Merged_items_are_written_in_suite_then_item_id_then_repeat_order_and_a_second_merge_is_identical()
    {
        using var rig = ShardRig.Accuracy(items: 30, repeats: 2);
        var shards = await rig.RunShardsAsync(3);

        var first = await ShardMerger.MergeAsync(shards, rig.NewFolder("m1"), TestContext.Current.CancellationToken);
        var second = await ShardMerger.MergeAsync([.. shards.Reverse()], rig.NewFolder("m2"), TestContext.Current.CancellationToken);

        var lines = File.ReadAllLines(Path.Combine(rig.NewFolder("m1"), ItemsFile.FileName));
        Assert.Equal(File.ReadAllLines(Path.Combine(rig.NewFolder("m2"), ItemsFile.FileName)), lines);
        var keys = ItemsFile.Read(Path.Combine(rig.NewFolder("m1"), ItemsFile.FileName), out _).Select(r => (r.Item, r.Repeat)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item, StringComparer.Ordinal).ThenBy(k => k.Repeat), keys);
        Assert.Equal(first.RunId, second.RunId);
    }

    [Fact]
    public async Task A_shard_resumes_only_as_the_same_shard()
    {
        using var rig = ShardRig.Accuracy(items: 20, repeats: 1);
        var shard = await rig.RunAsync("s", new ShardSpec(2, 4));
        var loaded = ConfigLoader.Load(Path.Combine(rig.Root, "cigate.yml"));

        var other = await Assert.ThrowsAsync<CiGateException>(() => Resume(loaded, shard, new ShardSpec(3, 4)));
        var whole = await Assert.ThrowsAsync<CiGateException>(() => Resume(loaded, shard, null));
        var same = await Resume(loaded, shard, new ShardSpec(2, 4));

        Assert.Equal(DiagnosticCodes.ResumeMismatch, other.Diagnostics[0].Code);
        Assert.Contains("--shard 2/4", other.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticCodes.ResumeMismatch, whole.Diagnostics[0].Code);
        Assert.Equal("complete", same.Status);
        Assert.Equal(2, same.Shard!.Index);
    }

    private static Task<RunResults> Resume(CiGateConfig config, string folder, ShardSpec? shard) =>
        Runner.RunAsync(
            PlanBuilder.Build(config),
            config.Targets.ToDictionary(t => t.Name, t => (ITargetClient)new FakeModel(t.Config), StringComparer.Ordinal),
            new RunOptions(folder, true, Shard: shard),
            new RunContext(config.SourcePath, "0.0.0-test"),
            null,
            TestContext.Current.CancellationToken);

    /// <summary>The same samples with the same answers and scores, and results.json's numbers identical to the digit.</summary>
    private static void AssertSameRun(string expectedFolder, string actualFolder)
    {
        var expected = LoadedRun.Load(expectedFolder);
        var actual = LoadedRun.Load(actualFolder);
        Assert.Equal("complete", actual.Results.Status);
        Assert.Equal(expected.Items.Count, actual.Items.Count);
        var byKey = actual.Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        foreach (var item in expected.Items)
        {
            var other = byKey[item.Key];
            Assert.Equal(item with { LatencyMs = 0 }, other with { LatencyMs = 0, Extracted = item.Extracted, Scores = item.Scores });
            Assert.Equal(item.Extracted, other.Extracted);
            Assert.Equal(item.Scores, other.Scores);
        }

        Assert.Equal(expected.Results.Suites.Count, actual.Results.Suites.Count);
        foreach (var (a, b) in expected.Results.Suites.Zip(actual.Results.Suites))
        {
            Assert.Equal(Json(a with { Usage = b.Usage }), Json(b));
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, ResultsJson.Options);
}
