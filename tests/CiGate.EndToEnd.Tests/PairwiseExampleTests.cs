using System.Text.Json;
using CiGate.EndToEnd.Tests.Support;
using CiGate.Simulator;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// examples/pairwise as a pull request runs it, with the real <c>cigate</c> process: base run, head
/// run, compare. The judge is asked at compare time, in both orders, and its replies are cached;
/// its agreement with the shipped labels is reported; the gate sets the exit code; its key never
/// lands in a file or on the console.
/// </summary>
public sealed class PairwiseExampleTests
{
    private const string Key = "sk-pairwise-judge-8c1d2e3f4a";

    [Fact]
    public async Task The_example_judges_the_changed_prompt_better_and_reports_the_judge_against_the_labels()
    {
        using var folder = new TempFolder();
        var (baseDir, headDir) = Prepare(folder, reversed: false);

        var baseRun = await RunAsync(baseDir, null, folder.File("rb"));
        var headRun = await RunAsync(headDir, null, folder.File("rh"));
        var compare = await CompareAsync(folder, null, "cmp");

        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        Assert.True(headRun.ExitCode == 0, headRun.ToString());
        Assert.True(compare.ExitCode == 0, compare.ToString());
        var comment = await File.ReadAllTextAsync(folder.File("cmp/comment.md"), TestContext.Current.CancellationToken);
        Assert.Contains("head against base, judged by judge (judgebot): ✅ pass", comment, StringComparison.Ordinal);
        Assert.Contains("| 6 | 0 | 1 | 0 | 3 | 0.750 [0.442, 0.919] |", comment, StringComparison.Ordinal);
        Assert.Contains("judge agrees with 10 human labels on 0.900 (Cohen's kappa", comment, StringComparison.Ordinal);
        var pairwise = Pairwise(folder.File("cmp"));
        Assert.Equal(15, pairwise.GetProperty("judge_calls").GetInt32());   // 7 differing items × 2 orders + the probe
        Assert.True(pairwise.GetProperty("gate").GetProperty("passed").GetBoolean());
        GoldenComment.Check("pairwise-example.comment.md", comment);
    }

    [Fact]
    public async Task A_worse_head_fails_the_pairwise_gate_with_exit_code_1()
    {
        using var folder = new TempFolder();
        var (baseDir, headDir) = Prepare(folder, reversed: true);

        await RunAsync(baseDir, null, folder.File("rb"));
        await RunAsync(headDir, null, folder.File("rh"));
        var compare = await CompareAsync(folder, null, "cmp");

        Assert.True(compare.ExitCode == 1, compare.ToString());
        Assert.Contains(
            "pairwise: win rate 0.250 [0.081, 0.558] over 10 items is below min_win_rate 0.60",
            compare.Stdout,
            StringComparison.Ordinal);
        Assert.False(Pairwise(folder.File("cmp")).GetProperty("gate").GetProperty("passed").GetBoolean());
        var junit = await File.ReadAllTextAsync(folder.File("cmp/junit.xml"), TestContext.Current.CancellationToken);
        Assert.Contains("<failure message=\"win rate 0.250", junit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_judge_over_http_is_cached_on_a_second_compare_and_its_key_appears_nowhere()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var log = folder.File("judge-requests.log");
        await using var judge = await SimulatorServer.StartAsync(
            new SimulatorOptions
            {
                Models = [new SimulatorModel("judgebot", 0.7, 3)], JudgeAll = true, RequestLog = log,
            },
            ct);
        var (baseDir, headDir) = Prepare(folder, reversed: false, judgeUrl: new Uri(judge.BaseUrl, "v1").ToString());
        var environment = new Dictionary<string, string?> { ["PAIRWISE_JUDGE_KEY"] = Key };

        var runs = new[]
        {
            await RunAsync(baseDir, environment, folder.File("rb")),
            await RunAsync(headDir, environment, folder.File("rh")),
        };
        var first = await CompareAsync(folder, environment, "cmp");
        var afterFirst = File.ReadAllLines(log).Length;
        var second = await CompareAsync(folder, environment, "cmp2");
        var afterSecond = File.ReadAllLines(log).Length;
        var withoutKey = await CompareAsync(folder, null, "cmp3");

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(15, afterFirst);              // nothing at run time; 7 differing items × 2 orders + the probe
        Assert.Equal(afterFirst + 1, afterSecond); // the second compare: only the uncached version probe
        Assert.Equal(
            File.ReadAllText(folder.File("cmp/comment.md")), File.ReadAllText(folder.File("cmp2/comment.md")));
        var recorded = File.ReadAllText(folder.File("rh/results.json"));
        Assert.Contains("\"api_key_env\": \"PAIRWISE_JUDGE_KEY\"", recorded, StringComparison.Ordinal);

        // Without the key the judge cannot be asked: inconclusive (exit 3), never a pass.
        Assert.True(withoutKey.ExitCode == 3, withoutKey.ToString());
        Assert.Contains("PAIRWISE_JUDGE_KEY", withoutKey.Stdout, StringComparison.Ordinal);
        foreach (var output in runs.Append(first).Append(second).Append(withoutKey))
        {
            Assert.DoesNotContain(Key, output.Stdout + output.Stderr, StringComparison.Ordinal);
        }

        var files = Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.Contains("pairwise-cache", StringComparison.Ordinal));
        Assert.All(files, f => Assert.DoesNotContain(Key, File.ReadAllText(f), StringComparison.Ordinal));
    }

    private static Task<ProcessResult> RunAsync(
        string dir, IReadOnlyDictionary<string, string?>? environment, string output) =>
        CigateProcess.RunWithAsync(
            dir, environment ?? new Dictionary<string, string?>(), "run", "cigate.yml", "--out", output, "--quiet");

    private static Task<ProcessResult> CompareAsync(
        TempFolder folder, IReadOnlyDictionary<string, string?>? environment, string output) =>
        CigateProcess.RunWithAsync(
            folder.Path,
            environment ?? new Dictionary<string, string?>(),
            "compare", "--base", folder.File("rb"), "--head", folder.File("rh"), "--out", folder.File(output));

    private static JsonElement Pairwise(string compareFolder)
    {
        using var gate = JsonDocument.Parse(File.ReadAllText(Path.Combine(compareFolder, "gate.json")));
        return gate.RootElement.GetProperty("suites")[0].GetProperty("suite").GetProperty("pairwise").Clone();
    }

    /// <summary>
    /// Two copies of the example: base with the old prompt, head with the new one (swapped when
    /// <paramref name="reversed"/>, with min_win_rate 0.6 so ten items can fail it, and no labels), optionally with
    /// the judge over HTTP at <paramref name="judgeUrl"/> reading its key from PAIRWISE_JUDGE_KEY.
    /// </summary>
    private static (string Base, string Head) Prepare(TempFolder folder, bool reversed, string? judgeUrl = null)
    {
        var example = Path.Combine(Repository.Root(), "examples", "pairwise");
        var baseDir = Copy(example, folder.File("base"));
        var headDir = Copy(example, folder.File("head"));
        var old = Path.Combine(reversed ? headDir : baseDir, "prompts", "reply.txt");
        File.Copy(Path.Combine(example, "prompts", "reply.base.txt"), old, overwrite: true);
        foreach (var dir in new[] { baseDir, headDir })
        {
            var config = Path.Combine(dir, "cigate.yml");
            var text = File.ReadAllText(config);
            if (reversed)
            {
                // The labels judge the new prompt's replies as head: reversed, they no longer apply.
                text = text.Replace("min_win_rate: 0.45", "min_win_rate: 0.6", StringComparison.Ordinal)
                    .Replace("      labels: labels.jsonl\n", "", StringComparison.Ordinal)
                    .Replace("      min_agreement: 0.8\n", "", StringComparison.Ordinal);
                Assert.DoesNotContain("labels:", text, StringComparison.Ordinal);
            }

            if (judgeUrl is not null)
            {
                text = text.Replace(
                    "    model: judgebot\n    role: grader\n    simulator: {}",
                    "    model: judgebot\n    role: grader\n"
                        + $"    base_url: {judgeUrl}\n    api_key_env: PAIRWISE_JUDGE_KEY",
                    StringComparison.Ordinal);
                Assert.Contains("PAIRWISE_JUDGE_KEY", text, StringComparison.Ordinal);
            }

            File.WriteAllText(config, text);
        }

        return (baseDir, headDir);
    }

    private static string Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }
}
