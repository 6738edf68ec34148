using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Comparing;
using CiGate.Core.Results;
using CiGate.Core.Sharding;
using CiGate.Core.Suites.Safety;
using CiGate.Core.Tests.Sharding;

namespace CiGate.Core.Tests.Comparing;

/// <summary>
/// Folders written by the previous release (results.json schema 1: every suite carried
/// <c>"perf"</c> and <c>"safety"</c>, null except under its own kind) still read, compare and
/// merge as the same run. The schema-1 copies are made from this build's runs by the one
/// transformation the layout change was, so the expected values are this build's own.
/// </summary>
public sealed class Schema1ResultsTests
{
    [Fact]
    public async Task A_schema_1_folder_reads_as_the_same_run()
    {
        using var rig = ShardRig.Safety(prompts: 40);
        var current = await rig.RunAsync("current", null);
        var old = rig.Copy(current, "old");
        ShardRig.EditResults(old, ToSchema1);
        var written = File.ReadAllText(Path.Combine(old, RunResults.FileName));
        Assert.Contains("\"safety\": {", written, StringComparison.Ordinal);

        var read = LoadedRun.Load(old).Results;
        var expected = LoadedRun.Load(current).Results;

        Assert.Equal(RunResults.CurrentSchemaVersion, read.SchemaVersion);
        Assert.Equal(Json(expected), Json(read));
        var safety = SafetyReport.Of(read.Suites.Single(s => s.Kind == SafetySuite.KindName));
        Assert.NotNull(safety);
        Assert.NotEmpty(safety.Rates);
    }

    [Fact]
    public async Task A_schema_1_base_compares_with_a_current_head_as_two_current_runs_do()
    {
        using var rig = ShardRig.Safety(prompts: 40);
        var current = await rig.RunAsync("current", null);
        var old = rig.Copy(current, "old");
        ShardRig.EditResults(old, ToSchema1);

        var mixed = Comparer.Compare(LoadedRun.Load(old), LoadedRun.Load(current), new CompareOptions());
        var same = Comparer.Compare(LoadedRun.Load(current), LoadedRun.Load(current), new CompareOptions());

        var suite = mixed.Suites.Single(s => s.Kind == SafetySuite.KindName);
        Assert.IsType<SafetyComparison>(suite.Details);
        Assert.Equal(Json(same.Suites), Json(mixed.Suites));
    }

    [Fact]
    public async Task Schema_1_shards_merge_to_what_current_shards_merge_to()
    {
        using var rig = ShardRig.Safety(prompts: 40);
        var shards = await rig.RunShardsAsync(2);
        var old = shards.Select((s, i) => rig.Copy(s, $"old{i}")).ToArray();
        foreach (var folder in old)
        {
            ShardRig.EditResults(folder, ToSchema1);
        }

        var ct = TestContext.Current.CancellationToken;
        await ShardMerger.MergeAsync(shards, rig.NewFolder("merged-current"), ct);
        await ShardMerger.MergeAsync(old, rig.NewFolder("merged-old"), ct);

        var fromOld = LoadedRun.Load(rig.NewFolder("merged-old")).Results;
        var fromCurrent = LoadedRun.Load(rig.NewFolder("merged-current")).Results;
        Assert.Equal(RunResults.CurrentSchemaVersion, fromOld.SchemaVersion);
        Assert.Equal(Json(fromCurrent.Suites), Json(fromOld.Suites));
    }

    /// <summary>The layout schema 1 wrote: the kind's part under the kind's name, null under the others.</summary>
    internal static void ToSchema1(JsonObject root)
    {
        root["schema_version"] = 1;
        foreach (var suite in root["suites"]!.AsArray().OfType<JsonObject>())
        {
            var details = suite["details"];
            suite.Remove("details");
            suite["perf"] = null;
            suite["safety"] = null;
            if (details is not null)
            {
                suite[suite["kind"]!.GetValue<string>()] = details;
            }
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, ResultsJson.Options);
}
