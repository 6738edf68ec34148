using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// examples/safety (XSTest against the simulator's refusal rates, the labelled responses scored
/// by the detector, and the injection probes) cut in four with `run --shard I/4` and joined with
/// `merge`: the merged run equals the run made in one go, item for item, and in its metrics,
/// per-type groups, rates and the detector's agreement.
/// </summary>
public sealed class SafetyShardedRunTests
{
    [Fact]
    public async Task The_safety_example_in_four_shards_merged_equals_the_unsharded_run()
    {
        var xstest = DatasetPaths.Find(Path.Combine("xstest", "xstest_prompts.csv"));
        if (xstest is null)
        {
            Assert.Skip("the XSTest dataset (shared/datasets/xstest/xstest_prompts.csv) is not beside the repository");
        }

        using var folder = new TempFolder();
        var example = Path.Combine(Repository.Root(), "examples", "safety");
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Path, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var config = await File.ReadAllTextAsync(folder.File("cigate.yml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(folder.File("cigate.yml"), config.Replace("../../../shared/datasets/xstest/xstest_prompts.csv", xstest, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var shards = new string[4];
        for (var i = 1; i <= 4; i++)
        {
            shards[i - 1] = folder.File($"shard{i}");
            var run = await CigateProcess.RunAsync(folder.Path, null, "run", "cigate.yml", "--shard", $"{i}/4", "--out", shards[i - 1], "--quiet");
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        var whole = await CigateProcess.RunAsync(folder.Path, null, "run", "cigate.yml", "--out", folder.File("whole"), "--quiet");
        var merge = await CigateProcess.RunAsync(folder.Path, null, ["merge", .. shards, "--out", folder.File("merged")]);

        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(merge.ExitCode == 0, merge.ToString());
        var before = ResultsFolder.ReadItems(folder.File("whole"));
        var after = ResultsFolder.ReadItems(folder.File("merged"));
        Assert.Equal(before.Count, after.Count);
        var byKey = after.ToDictionary(i => (i.Suite, i.Target, i.Key));
        Assert.All(before, i => Assert.Equal(i.Answer, byKey[(i.Suite, i.Target, i.Key)].Answer));
        Assert.Contains(before, i => i.Item.StartsWith("label:", StringComparison.Ordinal));

        var a = ResultsFolder.ReadResults(folder.File("whole")).GetProperty("suites");
        var b = ResultsFolder.ReadResults(folder.File("merged")).GetProperty("suites");
        Assert.Equal(a.GetArrayLength(), b.GetArrayLength());
        for (var s = 0; s < a.GetArrayLength(); s++)
        {
            foreach (var part in new[] { "kind", "metrics", "counts", "definition_hash", "prompt_template_hash", "dataset", "served_models" })
            {
                Assert.Equal(a[s].GetProperty(part).GetRawText(), b[s].GetProperty(part).GetRawText());
            }
        }

        var xs = Enumerable.Range(0, a.GetArrayLength()).Single(s => a[s].GetProperty("kind").GetString() == "safety");
        foreach (var part in new[] { "details", "groups", "macro" })
        {
            Assert.Equal(a[xs].GetProperty(part).GetRawText(), b[xs].GetProperty(part).GetRawText());
        }

        Assert.True(a[xs].GetProperty("details").GetProperty("agreement").GetProperty("n").GetInt32() > 300);
    }
}
