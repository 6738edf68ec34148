using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// The real tool: a run cut in four (`run --shard I/4`, one process per shard as a CI matrix runs
/// them), joined with `merge`, equals the same run made in one go, item for item and metric for metric.
/// </summary>
public sealed class ShardedRunTests
{
    private const string Target = "    simulator: { accuracy: 0.7, seed: 11 }\n    concurrency: 8";

    [Fact]
    public async Task Mmlu_pro_in_four_shards_merged_equals_the_unsharded_run()
    {
        var dataset = DatasetPaths.MmluProOrSkip();
        using var folder = new TempFolder();
        var config = MmluConfig.Write(folder, dataset, 200, Target);

        var shards = await RunShardsAsync(folder, config, 4);
        var whole = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", folder.File("whole"), "--quiet");
        var merge = await CigateProcess.RunAsync(folder.Path, null, ["merge", .. shards, "--out", folder.File("merged")]);

        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Contains("200 items x 1 repeat(s), 200 completed, 0 errored, 0 missing", merge.Stdout, StringComparison.Ordinal);
        AssertSameRun(folder.File("whole"), folder.File("merged"), ["metrics", "macro", "groups", "counts", "definition_hash", "dataset", "prompt_template_hash", "served_models"]);
    }

    [Fact]
    public async Task The_prompt_suite_example_in_four_shards_merged_equals_the_unsharded_run()
    {
        using var folder = new TempFolder();
        var example = Path.Combine(Repository.Root(), "examples", "prompts");
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Path, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var shards = await RunShardsAsync(folder, "cigate.yml", 4);
        var whole = await CigateProcess.RunAsync(folder.Path, null, "run", "cigate.yml", "--out", folder.File("whole"), "--quiet");
        var merge = await CigateProcess.RunAsync(folder.Path, null, ["merge", .. shards, "--out", folder.File("merged")]);

        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(merge.ExitCode == 0, merge.ToString());
        AssertSameRun(folder.File("whole"), folder.File("merged"), ["metrics", "counts", "definition_hash", "prompt_template_hash", "served_models"]);
    }

    [Fact]
    public async Task Merge_without_every_shard_exits_2_with_one_line()
    {
        var dataset = DatasetPaths.MmluProOrSkip();
        using var folder = new TempFolder();
        var config = MmluConfig.Write(folder, dataset, 40, Target);
        var shards = await RunShardsAsync(folder, config, 3);

        var merge = await CigateProcess.RunAsync(folder.Path, null, "merge", shards[0], shards[2], "--out", folder.File("merged"));
        var badShard = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--shard", "0/3", "--out", folder.File("bad"));

        Assert.Equal(2, merge.ExitCode);
        Assert.Equal("error CIGATE0412: shard 2/3 is missing: a merged run needs all 3 shards\n", merge.Stderr);
        Assert.False(Directory.Exists(folder.File("merged")));
        Assert.Equal(2, badShard.ExitCode);
        Assert.StartsWith("error CIGATE0012: --shard 0/3: I counts from 1 to N (3)", badShard.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string[]> RunShardsAsync(TempFolder folder, string config, int count)
    {
        var shards = new string[count];
        for (var i = 1; i <= count; i++)
        {
            shards[i - 1] = folder.File($"shard{i}");
            var run = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--shard", $"{i}/{count}", "--out", shards[i - 1], "--quiet");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains($"shard {i}/{count}: these metrics cover this shard's items only", run.Stdout, StringComparison.Ordinal);
        }

        return shards;
    }

    private static void AssertSameRun(string expected, string actual, string[] parts)
    {
        var before = ResultsFolder.ReadItems(expected);
        var after = ResultsFolder.ReadItems(actual);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.Select(i => (i.Suite, i.Target, i.Key)).Order(), after.Select(i => (i.Suite, i.Target, i.Key)).Order());
        var byKey = after.ToDictionary(i => (i.Suite, i.Target, i.Key));
        Assert.All(before, i => Assert.Equal(i.Answer, byKey[(i.Suite, i.Target, i.Key)].Answer));

        var a = ResultsFolder.ReadResults(expected);
        var b = ResultsFolder.ReadResults(actual);
        Assert.Equal("complete", b.GetProperty("status").GetString());
        Assert.False(b.TryGetProperty("shard", out _), "a merged run is whole: it records no shard");
        Assert.Equal(a.GetProperty("suites").GetArrayLength(), b.GetProperty("suites").GetArrayLength());
        for (var s = 0; s < a.GetProperty("suites").GetArrayLength(); s++)
        {
            foreach (var part in parts)
            {
                Assert.Equal(a.GetProperty("suites")[s].GetProperty(part).GetRawText(), b.GetProperty("suites")[s].GetProperty(part).GetRawText());
            }
        }
    }
}
