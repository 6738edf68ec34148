using CiGate.Core.Suites.Safety;
using System.Text.Json;
using CiGate.Core.Comparing;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Sharding;

namespace CiGate.Core.Tests.Sharding;

/// <summary>
/// Safety suites merge: four shards of a run with labelled responses equal the run made whole
/// (metrics, per-type groups, rates, agreement and items), and a shard whose stored safety
/// section its items do not give back is refused, so merge never writes rates it did not prove.
/// </summary>
public sealed class SafetyMergeTests
{
    [Fact]
    public async Task Four_safety_shards_merged_equal_the_unsharded_run()
    {
        using var rig = ShardRig.Safety(prompts: 60);
        var whole = await rig.RunAsync("whole", null);
        var shards = await rig.RunShardsAsync(4);

        await ShardMerger.MergeAsync(shards, rig.NewFolder("merged"), TestContext.Current.CancellationToken);

        var expected = LoadedRun.Load(whole);
        var actual = LoadedRun.Load(rig.NewFolder("merged"));
        Assert.Equal(72, actual.Items.Count);
        var byKey = actual.Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        Assert.All(expected.Items, i => Assert.Equal(i with { LatencyMs = 0, Extracted = null!, Scores = null! }, byKey[i.Key] with { LatencyMs = 0, Extracted = null!, Scores = null! }));
        Assert.All(expected.Items, i => Assert.Equal(i.Extracted, byKey[i.Key].Extracted));
        Assert.All(expected.Items, i => Assert.Equal(i.Scores, byKey[i.Key].Scores));
        var a = expected.Results.Suites.Single();
        var b = actual.Results.Suites.Single();
        Assert.Equal(Json(a with { Usage = b.Usage }), Json(b));
        var safety = SafetyReport.Of(b)!;
        Assert.Equal(12, safety.Agreement!.N);
        Assert.Equal(3, b.Groups!.Count);
        Assert.Contains(safety.Rates, r => r.Scope == "privacy" && r.Metric == "compliance");
    }

    [Fact]
    public async Task A_shard_whose_stored_rates_its_items_do_not_give_back_is_refused()
    {
        using var rig = ShardRig.Safety(prompts: 40);
        var shards = await rig.RunShardsAsync(4);
        var edited = rig.Copy(shards[2], "edited");
        ShardRig.EditResults(edited, json => json["suites"]![0]!["details"]!["rates"]![0]!["rate"] = 0.123);

        var error = await Assert.ThrowsAsync<CiGateException>(() => ShardMerger.MergeAsync([shards[0], shards[1], edited, shards[3]], rig.NewFolder("merged"), TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.ShardNotMergeable, error.Diagnostics[0].Code);
        Assert.Contains("cannot merge suite 'refusals' on 'fake': re-summarising the items of shard 3/4", error.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, ResultsJson.Options);
}
