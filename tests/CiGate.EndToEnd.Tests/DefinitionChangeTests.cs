using System.Net;
using System.Text.Json;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Issue 17: a changed eval still gets a report, and a missing base is never silent. Real runs
/// against the simulator, then `cigate compare` and `cigate github publish` as the action runs them.
/// </summary>
public sealed class DefinitionChangeTests
{
    private const string MaxTokens = "    generation: { max_tokens: 1024 }\n";

    [Fact]
    public async Task A_max_tokens_change_is_named_in_the_comment_and_gated_per_on_definition_change()
    {
        var dataset = DatasetPaths.MmluProOrSkip();
        using var folder = new TempFolder();
        var baseRun = await RunAsync(folder, dataset, "base");
        var headRun = await RunAsync(folder, dataset, "head", MaxTokens);
        var fail = Config(folder, dataset, "fail", MaxTokens + "    gate: { on_definition_change: fail }\n");
        var accept = Config(folder, dataset, "accept", MaxTokens + "    gate: { on_definition_change: accept }\n");

        var warned = await CompareAsync(folder, "cmp-warn", "--base", baseRun, "--head", headRun);
        var failed = await CompareAsync(folder, "cmp-fail", "--base", baseRun, "--head", headRun, "--config", fail);
        var accepted = await CompareAsync(folder, "cmp-accept", "--base", baseRun, "--head", headRun, "--config", accept);
        var overridden = await CompareAsync(folder, "cmp-override", "--base", baseRun, "--head", headRun, "--config", fail, "--accept-changes");

        // warn (the default): the step passes, the report is written and names the key.
        Assert.True(warned.ExitCode == 0, warned.ToString());
        Assert.StartsWith("cigate compare: warn", warned.Stdout, StringComparison.Ordinal);
        var comment = await ReadAsync(folder, "cmp-warn/comment.md");
        Assert.StartsWith("<!-- cigate:comment:cigate -->\n### ⚠️ CiGate: warn", comment, StringComparison.Ordinal);
        Assert.Contains("**Definition changed**", comment, StringComparison.Ordinal);
        Assert.Contains("generation.max_tokens: 2048 → 1024", comment, StringComparison.Ordinal);
        Assert.Contains("300 items asked the same prompt and were paired as usual", comment, StringComparison.Ordinal);
        Assert.Contains("generation.max_tokens: 2048 → 1024", await ReadAsync(folder, "cmp-warn/summary.md"), StringComparison.Ordinal);
        Assert.Contains("<h2>Definition changed</h2>", await File.ReadAllTextAsync(folder.File("cmp-warn/report.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("(on_definition_change: fail)", failed.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("### ❌ CiGate: fail", await ReadAsync(folder, "cmp-fail/summary.md"), StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.StartsWith("cigate compare: pass", accepted.Stdout, StringComparison.Ordinal);
        Assert.True(overridden.ExitCode == 0, overridden.ToString());
        Assert.StartsWith("cigate compare: pass", overridden.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_annotation_points_at_the_changed_line_of_the_config_in_the_repository()
    {
        var dataset = DatasetPaths.MmluProOrSkip();
        using var folder = new TempFolder();
        var baseRun = await RunAsync(folder, dataset, "base");
        var headRun = await RunAsync(folder, dataset, "head", MaxTokens);
        var compared = await CompareAsync(folder, "cmp", "--base", baseRun, "--head", headRun);
        Assert.True(compared.ExitCode == 0, compared.ToString());

        // As the action publishes: in the workspace, with no token (only the summary and the workflow commands).
        var summary = folder.File("step-summary.md");
        var published = await CigateProcess.RunWithAsync(folder.Path, new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_WORKSPACE"] = folder.Path,
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_REPOSITORY"] = "owner/repo",
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["CIGATE_TEST_TOKEN"] = null,
        }, "github", "publish", "--reports", folder.File("cmp"), "--token-env", "CIGATE_TEST_TOKEN");

        Assert.True(published.ExitCode == 0, published.ToString());
        var line = Array.FindIndex(File.ReadAllLines(folder.File("head.yml")), l => l.Contains("max_tokens", StringComparison.Ordinal)) + 1;
        Assert.Contains($"::warning file=head.yml,line={line},title=CiGate%3A definition changed::mmlu-pro on sim: generation.max_tokens: 2048 → 1024", published.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), published.Stdout, StringComparison.Ordinal);
        Assert.Contains("Definition changed", await File.ReadAllTextAsync(summary, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_prompt_template_is_compared_unpaired_with_a_warning_instead_of_refused()
    {
        var dataset = DatasetPaths.MmluProOrSkip();
        using var folder = new TempFolder();
        var baseRun = await RunAsync(folder, dataset, "base");
        var headRun = await RunAsync(folder, dataset, "head", "    prompt: { template: \"Question:\\n{{ question }}\\nAnswer:\" }\n");

        var compared = await CompareAsync(folder, "cmp", "--base", baseRun, "--head", headRun);

        Assert.True(compared.ExitCode is 0 or 1, compared.ToString());
        Assert.DoesNotContain("CIGATE0405", compared.Stderr, StringComparison.Ordinal);
        Assert.Contains("compared unpaired because", compared.Stdout, StringComparison.Ordinal);
        var comment = await ReadAsync(folder, "cmp/comment.md");
        Assert.Contains("prompt.template: ", comment, StringComparison.Ordinal);
        Assert.Contains("No item kept its prompt, so the suite means were compared unpaired", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_base_is_inconclusive_on_pull_requests_with_the_explanation_in_the_comment()
    {
        var dataset = DatasetPaths.MmluProOrSkip();
        using var folder = new TempFolder();
        var headRun = await RunAsync(folder, dataset, "head");
        var empty = Directory.CreateDirectory(folder.File("base-empty")).FullName;
        var pullRequest = new Dictionary<string, string?> { ["GITHUB_EVENT_NAME"] = "pull_request" };
        var push = new Dictionary<string, string?> { ["GITHUB_EVENT_NAME"] = "push" };

        var required = await CigateProcess.RunWithAsync(folder.Path, pullRequest, "compare", "--base", empty, "--head", headRun, "--out", folder.File("cmp-pr"));
        var absent = await CigateProcess.RunWithAsync(folder.Path, push, "compare", "--base", folder.File("never-downloaded"), "--head", headRun, "--out", folder.File("cmp-push"), "--require-base");
        var optional = await CigateProcess.RunWithAsync(folder.Path, pullRequest, "compare", "--head", headRun, "--out", folder.File("cmp-optional"), "--require-base", "false", "--no-base-reason", "no artifact 'cigate-results' for the base commit");

        Assert.True(required.ExitCode == 3, required.ToString());
        Assert.StartsWith("cigate compare: inconclusive", required.Stdout, StringComparison.Ordinal);
        var comment = await ReadAsync(folder, "cmp-pr/comment.md");
        Assert.StartsWith("<!-- cigate:comment:cigate -->\n### ❔ CiGate: inconclusive — no base results to compare with", comment, StringComparison.Ordinal);
        Assert.Contains("**No base results.**", comment, StringComparison.Ordinal);
        Assert.Contains("Re-run the base branch's workflow", comment, StringComparison.Ordinal);
        Assert.Contains("retention", comment, StringComparison.Ordinal);
        Assert.Contains("Run the base commit in the same workflow", comment, StringComparison.Ordinal);
        Assert.True(absent.ExitCode == 3, absent.ToString());

        Assert.True(optional.ExitCode == 0, optional.ToString());
        Assert.StartsWith("cigate compare: none", optional.Stdout, StringComparison.Ordinal);
        var optionalComment = await ReadAsync(folder, "cmp-optional/comment.md");
        Assert.Contains("### ⚪ CiGate: none — no base results, so nothing was compared", optionalComment, StringComparison.Ordinal);
        Assert.Contains("no artifact 'cigate-results' for the base commit", optionalComment, StringComparison.Ordinal);
        using var gate = JsonDocument.Parse(await ReadAsync(folder, "cmp-optional/gate.json"));
        Assert.Equal("none", gate.RootElement.GetProperty("verdict_name").GetString());
        Assert.False(gate.RootElement.GetProperty("no_base").GetProperty("required").GetBoolean());
    }

    private static Task<ProcessResult> CompareAsync(TempFolder folder, string output, params string[] args) =>
        CigateProcess.RunAsync(folder.Path, null, ["compare", .. args, "--out", folder.File(output)]);

    /// <summary>A report as GitHub shows it: the Markdown's character references decoded.</summary>
    private static async Task<string> ReadAsync(TempFolder folder, string name) =>
        WebUtility.HtmlDecode(await File.ReadAllTextAsync(folder.File(name), TestContext.Current.CancellationToken));

    private static string Config(TempFolder folder, string dataset, string name, string suiteExtra = "") => folder.Write($"{name}.yml", $"""
        targets:
          sim: {"{"} concurrency: 16, simulator: {"{"} accuracy: 0.7, seed: 1 {"}"} {"}"}
        suites:
          mmlu-pro:
            preset: mmlu-pro
            dataset: {"{"} path: "{dataset}", limit: 300, sample: random, seed: 5 {"}"}
        {suiteExtra}
        """);

    private static async Task<string> RunAsync(TempFolder folder, string dataset, string name, string suiteExtra = "")
    {
        var output = folder.File($"{name}-results");
        var result = await CigateProcess.RunAsync(folder.Path, null, "run", Config(folder, dataset, name, suiteExtra), "--out", output, "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }
}
