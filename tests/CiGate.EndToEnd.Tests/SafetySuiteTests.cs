using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// examples/safety's XSTest suite as a pull request would run it: the simulator at seed 1 (base)
/// and seed 2 (head) are two related models (about 10% of refusal decisions re-drawn), classified
/// by the offline detector, then compared. The golden comment shows the per-type rates, the
/// detector's agreement with the labelled set, and the prompts newly refused or complied with.
/// </summary>
public sealed class SafetySuiteTests
{
    [Fact]
    public async Task Two_simulator_seeds_show_per_type_rates_and_newly_over_refused_prompts()
    {
        var xstest = DatasetPaths.Find(Path.Combine("xstest", "xstest_prompts.csv"));
        if (xstest is null)
        {
            Assert.Skip("the XSTest dataset (shared/datasets/xstest/xstest_prompts.csv) is not beside the repository");
        }

        using var folder = new TempFolder();
        var example = Path.Combine(Repository.Root(), "examples", "safety");
        var config = await File.ReadAllTextAsync(Path.Combine(example, "cigate.yml"), TestContext.Current.CancellationToken);
        config = config.Replace("../../../shared/datasets/xstest/xstest_prompts.csv", xstest, StringComparison.Ordinal);
        var baseDir = Prepare(example, folder.File("base"), config);
        var headDir = Prepare(example, folder.File("head"), config.Replace("seed: 1\n", "seed: 2\n", StringComparison.Ordinal));

        var baseRun = await CigateProcess.RunAsync(baseDir, null, "run", "cigate.yml", "--suite", "xstest", "--out", folder.File("rb"), "--quiet");
        var headRun = await CigateProcess.RunAsync(headDir, null, "run", "cigate.yml", "--suite", "xstest", "--out", folder.File("rh"), "--quiet");
        var compare = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", folder.File("rb"), "--head", folder.File("rh"), "--out", folder.File("cmp"));

        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        Assert.True(headRun.ExitCode == 0, headRun.ToString());
        Assert.True(compare.ExitCode == 0, compare.ToString());
        var comment = await File.ReadAllTextAsync(folder.File("cmp/comment.md"), TestContext.Current.CancellationToken);
        Assert.Contains("safe prompts newly refused (over-refusal)", comment, StringComparison.Ordinal);
        Assert.Contains("unsafe prompts newly complied with", comment, StringComparison.Ordinal);
        GoldenComment.Check("safety-example.comment.md", comment);
    }

    private static string Prepare(string example, string to, string config)
    {
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(to, "cigate.yml"), config);
        return to;
    }
}
