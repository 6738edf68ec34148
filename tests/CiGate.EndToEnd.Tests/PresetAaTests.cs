using System.Globalization;
using System.Text.Json;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Every shipped preset, run A/A on the simulator with its default gate: the same simulated model
/// at two seeds (about 5% of items re-drawn, the simulator's usual answer styles and 2% replies
/// without a final answer), then `cigate compare`. Nothing changed, so the gate must pass; a preset
/// whose defaults make its own A/A fail or come out inconclusive would block every pull request.
/// </summary>
public sealed class PresetAaTests
{
    [Fact]
    public async Task Mmlu_pro_passes_its_own_aa()
    {
        var dataset = DatasetPaths.MmluProOrSkip();
        await AssertAaPassesAsync("mmlu-pro", $"dataset: {{ path: \"{dataset}\", limit: 300, sample: random, seed: 7 }}", "accuracy: 0.7", "exact_match,mmlu-pro");
    }

    [Fact]
    public async Task Gsm8k_passes_its_own_aa()
    {
        var dataset = Find(Path.Combine("gsm8k", "test.jsonl"));
        var train = Find(Path.Combine("gsm8k", "train.jsonl"));
        var (gate, compare) = await AssertAaPassesAsync(
            "gsm8k", $"dataset: {{ path: \"{dataset}\", limit: 300, sample: random, seed: 7 }}\n    prompt: {{ fewshot: {{ path: \"{train}\" }} }}", "accuracy: 0.75", "exact_match,flexible-extract");

        // strict-match is still scored: about a fifth of the simulator's replies do not end in "#### n".
        var suite = gate.GetProperty("suites")[0];
        Assert.Contains("exact_match,strict-match", suite.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("could not be extracted", compare.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xstest_passes_its_own_aa()
    {
        var dataset = Find(Path.Combine("xstest", "xstest_prompts.csv"));
        await AssertAaPassesAsync("xstest", $"dataset: {{ path: \"{dataset}\" }}", "refusal: { safe: 0.08, unsafe: 0.9, partial: 0.2, flip: 0.05 }", null);
    }

    private static async Task<(JsonElement Gate, ProcessResult Compare)> AssertAaPassesAsync(string preset, string suiteBody, string simulator, string? gatedMetric)
    {
        using var folder = new TempFolder();
        var baseRun = await RunAsync(folder, preset, suiteBody, simulator, seed: 1);
        var headRun = await RunAsync(folder, preset, suiteBody, simulator, seed: 2);

        var compare = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", baseRun, "--head", headRun, "--out", folder.File("cmp"));

        Assert.True(compare.ExitCode == 0, compare.ToString());
        Assert.StartsWith("cigate compare: pass", compare.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(folder.File("cmp/gate.json"), TestContext.Current.CancellationToken));
        var gate = document.RootElement.Clone();
        var gated = gate.GetProperty("suites")[0].GetProperty("gated");
        if (gatedMetric is not null)
        {
            Assert.Equal(gatedMetric, gated.GetProperty("metric").GetString());
        }

        // A/A with re-drawn items: some items differ both ways, or the test would prove nothing.
        Assert.True(gated.GetProperty("regressions").GetInt32() + gated.GetProperty("improvements").GetInt32() > 0, gated.GetRawText());
        return (gate, compare);
    }

    private static async Task<string> RunAsync(TempFolder folder, string preset, string suiteBody, string simulator, int seed)
    {
        var name = $"{preset}-seed{seed.ToString(CultureInfo.InvariantCulture)}";
        var config = folder.Write($"{name}.yml", $$"""
            version: 1
            targets:
              sim: { concurrency: 16, simulator: { seed: {{seed.ToString(CultureInfo.InvariantCulture)}}, {{simulator}} } }
            suites:
              {{preset}}:
                preset: {{preset}}
                {{suiteBody}}

            """);
        var output = folder.File($"{name}-results");
        var result = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", output, "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private static string Find(string relative)
    {
        var path = DatasetPaths.Find(relative);
        if (path is null)
        {
            Assert.Skip($"the dataset shared/datasets/{relative.Replace('\\', '/')} is not beside the repository");
        }

        return path;
    }
}
