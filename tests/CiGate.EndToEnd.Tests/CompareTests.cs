using System.Text.Json;
using System.Xml.Linq;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// `cigate compare` as CI runs it: two real runs against simulated models, then the gate's exit
/// code and the reports on disk.
/// </summary>
public sealed class CompareTests
{
    [Fact]
    public async Task A_real_drop_fails_the_gate_and_the_same_model_passes()
    {
        var dataset = DatasetPaths.MmluProOrSkip();
        using var folder = new TempFolder();
        // Same seed, lower accuracy: the head is wrong on exactly the items whose difficulty lies
        // between 0.62 and 0.75, a 13-point drop that no gate may miss.
        var baseRun = await RunAsync(folder, dataset, "base", "accuracy: 0.75, seed: 1");
        var sameRun = await RunAsync(folder, dataset, "same", "accuracy: 0.75, seed: 1");
        var worseRun = await RunAsync(folder, dataset, "worse", "accuracy: 0.62, seed: 1");

        var pass = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", baseRun, "--head", sameRun, "--out", folder.File("cmp-same"));
        var fail = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", baseRun, "--head", worseRun, "--out", folder.File("cmp-worse"));

        Assert.True(pass.ExitCode == 0, pass.ToString());
        Assert.StartsWith("cigate compare: pass", pass.Stdout, StringComparison.Ordinal);
        Assert.True(fail.ExitCode == 1, fail.ToString());
        Assert.StartsWith("cigate compare: fail", fail.Stdout, StringComparison.Ordinal);

        var comment = await File.ReadAllTextAsync(folder.File("cmp-worse/comment.md"), TestContext.Current.CancellationToken);
        Assert.StartsWith("<!-- cigate:comment:cigate -->\n### ❌ CiGate: fail", comment, StringComparison.Ordinal);
        var junit = XDocument.Load(folder.File("cmp-worse/junit.xml"));
        Assert.Single(junit.Descendants("failure"));
        using var gate = JsonDocument.Parse(await File.ReadAllTextAsync(folder.File("cmp-worse/gate.json"), TestContext.Current.CancellationToken));
        var metric = gate.RootElement.GetProperty("suites")[0].GetProperty("gated");
        Assert.Equal(0, metric.GetProperty("improvements").GetInt32()); // same seed: the weaker model is never right where the stronger is wrong
        Assert.True(metric.GetProperty("regressions").GetInt32() > 0);
        Assert.True(File.Exists(folder.File("cmp-worse/report.html")));
    }

    private static async Task<string> RunAsync(TempFolder folder, string dataset, string name, string simulator, string suiteExtra = "")
    {
        var config = folder.Write($"{name}.yml", $"""
            targets:
              sim: {"{"} concurrency: 16, simulator: {"{"} {simulator} {"}"} {"}"}
            suites:
              mmlu-pro:
                preset: mmlu-pro
            {suiteExtra}    dataset: {"{"} path: "{dataset}", limit: 300, sample: random, seed: 5 {"}"}
            """);
        var output = folder.File($"{name}-results");
        var result = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", output, "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }
}
