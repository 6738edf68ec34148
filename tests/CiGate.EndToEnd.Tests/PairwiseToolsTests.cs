using System.Text.Json;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// `pairwise:` on a tool suite (examples/tools, real <c>cigate</c> process): what is judged is each
/// case's final answer after the tool loop, base's against head's, in both orders.
/// </summary>
public sealed class PairwiseToolsTests
{
    private const string Judge = """
          judge:
            model: judgebot
            role: grader
            simulator: {}

        """;

    private const string Pairwise = """
            pairwise:
              grader: judge
              criteria: 'a good final answer apologises ("sorry") and says who handles the "refund"'
              min_win_rate: 0.45

        """;

    [Fact]
    public async Task A_tool_suites_final_answers_are_judged_head_against_base()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var baseDir = Prepare(folder.File("base"));
        var headDir = Prepare(folder.File("head"));
        var script = Path.Combine(headDir, "sim-script.yaml");
        var before = await File.ReadAllTextAsync(script, ct);
        var after = before.Replace(
            "reply: \"Refunds need a human agent; I have passed your request on.\"",
            "reply: \"Sorry: a refund needs a human agent, and I have passed your request on.\"",
            StringComparison.Ordinal);
        Assert.NotEqual(before, after);
        await File.WriteAllTextAsync(script, after, ct);

        var baseRun = await CigateProcess.RunWithAsync(
            baseDir, new Dictionary<string, string?>(), "run", "cigate.yml", "--out", folder.File("rb"), "--quiet");
        var headRun = await CigateProcess.RunWithAsync(
            headDir, new Dictionary<string, string?>(), "run", "cigate.yml", "--out", folder.File("rh"), "--quiet");
        var compare = await CigateProcess.RunWithAsync(
            folder.Path,
            new Dictionary<string, string?>(),
            "compare", "--base", folder.File("rb"), "--head", folder.File("rh"), "--out", folder.File("cmp"));

        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        Assert.True(headRun.ExitCode == 0, headRun.ToString());
        Assert.True(compare.ExitCode == 0, compare.ToString());
        using var gate = JsonDocument.Parse(await File.ReadAllTextAsync(folder.File("cmp/gate.json"), ct));
        var pairwise = gate.RootElement.GetProperty("suites")[0].GetProperty("suite").GetProperty("pairwise");
        Assert.True(pairwise.GetProperty("gate").GetProperty("passed").GetBoolean());
        Assert.Equal(3, pairwise.GetProperty("judge_calls").GetInt32()); // the changed case, both orders, and the probe
        var comment = await File.ReadAllTextAsync(folder.File("cmp/comment.md"), ct);
        Assert.Contains(
            "support-desk on sim: head against base, judged by judge (judgebot)", comment, StringComparison.Ordinal);
        // The refund case changed and head won it; the other case answered the same (a tie without a call).
        Assert.Contains("| 1 | 0 | 0 | 0 | 1 |", comment, StringComparison.Ordinal);
    }

    /// <summary>A copy of examples/tools with a simulated judge and `pairwise:` on its suite.</summary>
    private static string Prepare(string to)
    {
        var example = Path.Combine(Repository.Root(), "examples", "tools");
        var state = $"{Path.DirectorySeparatorChar}.cigate{Path.DirectorySeparatorChar}";
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains(state, StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var config = Path.Combine(to, "cigate.yml");
        var text = File.ReadAllText(config)
            .Replace("suites:\n", Judge + "suites:\n", StringComparison.Ordinal)
            .Replace("    max_steps: 6\n", "    max_steps: 6\n" + Pairwise, StringComparison.Ordinal);
        Assert.Contains("judgebot", text, StringComparison.Ordinal);
        Assert.Contains("pairwise:", text, StringComparison.Ordinal);
        File.WriteAllText(config, text);
        return to;
    }
}
