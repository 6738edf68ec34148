using System.Diagnostics;
using System.Text.Json;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Issue 21, done-when 1: a fixture repository with real git commits and three suites, a scripted
/// history of pull requests, and the simulator counting the model requests (its request log). A
/// PR touching one prompt file runs that suite only and reuses main's run for the others; its
/// re-run asks nothing (reuse and the response cache); a PR whose simulator swaps the model behind
/// the alias is flagged as an identity change, not compared.
/// </summary>
public sealed class ChangedOnlyRunTests
{
    private const int ItemsPerSuite = 100;
    private const int Canary = 30;
    private static readonly string[] Suites = ["billing", "search", "support"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pr_touching_one_prompt_runs_one_suite_and_a_silent_model_swap_is_flagged()
    {
        using var folder = new TempFolder();
        var repo = Path.Combine(folder.Path, "repo");
        Directory.CreateDirectory(repo);
        WriteFixture(repo, served: null);
        await GitAsync(repo, "init", "-q", "-b", "main");
        await GitAsync(repo, "add", "-A");
        await GitAsync(repo, "commit", "-q", "-m", "three suites");

        // main's run: what the base branch recorded (the artifact a PR reuses).
        var main = await RunCountedAsync(repo, "run", "cigate.yml", "--out", folder.File("main"), "--quiet");
        Assert.Equal(3 * ItemsPerSuite, main.Requests);

        // PR 1 edits one prompt file.
        await GitAsync(repo, "checkout", "-q", "-b", "pr-1");
        File.AppendAllText(Path.Combine(repo, "prompts", "search.sbn"), "\nAnswer with the letter only.");
        await GitAsync(repo, "commit", "-q", "-am", "search: shorter answers");

        // The full cost: base and head each run every suite, in a fresh clone (no cache).
        var clone = Path.Combine(folder.Path, "clone");
        await GitAsync(folder.Path, "clone", "-q", "-b", "pr-1", repo, clone);
        var fullHead = await RunCountedAsync(clone, "run", "cigate.yml", "--out", folder.File("full-head"), "--quiet");
        var full = main.Requests + fullHead.Requests;
        var fullVerdicts = await CompareAsync(folder, "main", "full-head", "cmp-full");

        // The changed-only run of the same PR.
        var pr = await RunCountedAsync(repo, ChangedOnly(folder, "pr-head"));
        var prVerdicts = await CompareAsync(folder, "main", "pr-head", "cmp-pr");
        Assert.True(pr.Requests <= 0.4 * full, $"changed-only: {pr.Requests} requests, full base + head: {full}");
        // The changed suite, and the canary of each reused one.
        Assert.Equal(ItemsPerSuite + (2 * Canary), pr.Requests);
        Assert.Equal(fullVerdicts, prVerdicts);
        Assert.Matches("billing@sim: unchanged: reused from main@[0-9a-f]{7}; canary of 30 items: 0 of 30 flipped", pr.Run.Stderr);
        Assert.Contains("search@sim: runs: its definition, prompt, dataset or model changed", pr.Run.Stderr, StringComparison.Ordinal);
        var comment = await File.ReadAllTextAsync(folder.File("cmp-pr/comment.md"), Ct);
        Assert.Contains("unchanged: reused from main@", comment, StringComparison.Ordinal);
        Assert.Contains("canary of 30 items: 0 of 30 flipped", comment, StringComparison.Ordinal);
        var reused = ResultsFolder.ReadItems(folder.File("pr-head")).Where(i => i.Suite != "search").ToList();
        Assert.Equal(2 * ItemsPerSuite, reused.Count);

        // A re-run of the same PR: nothing asked (the changed suite's and the canaries' answers are cached).
        var again = await RunCountedAsync(repo, ChangedOnly(folder, "pr-head-again"));
        Assert.Equal(0, again.Requests);
        Assert.Equal(fullVerdicts, await CompareAsync(folder, "main", "pr-head-again", "cmp-again"));

        // PR 2: the provider serves another model behind the same alias (the config names the same model).
        await GitAsync(repo, "checkout", "-q", "main");
        await GitAsync(repo, "checkout", "-q", "-b", "pr-2");
        WriteFixture(repo, served: "cigate-sim-2026-06");
        await GitAsync(repo, "commit", "-q", "-am", "provider swapped the model");
        var swap = await RunCountedAsync(repo, ChangedOnly(folder, "swap-head"));
        Assert.Equal(3 * ItemsPerSuite, swap.Requests);
        var compare = await CigateProcess.RunAsync(
            folder.Path, null, "compare", "--base", folder.File("main"), "--head", folder.File("swap-head"), "--out", folder.File("cmp-swap"));
        Assert.True(compare.ExitCode != 0, compare.ToString());
        var gate = JsonDocument.Parse(await File.ReadAllTextAsync(folder.File("cmp-swap/gate.json"), Ct)).RootElement;
        Assert.Equal("inconclusive", gate.GetProperty("overall").GetString());
        var swapComment = await File.ReadAllTextAsync(folder.File("cmp-swap/comment.md"), Ct);
        var reasons = string.Join("\n", gate.GetProperty("suites").EnumerateArray()
            .SelectMany(v => v.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())));
        Assert.Equal(3, gate.GetProperty("suites").EnumerateArray().Count(v => v.GetProperty("verdict").GetString() == "inconclusive"));
        foreach (var text in new[] { compare.Stdout, swapComment, reasons })
        {
            Assert.Contains("served identity changed without a declared model change: served model cigate-sim → cigate-sim-2026-06", text, StringComparison.Ordinal);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"model requests: full base + head {full} (base {main.Requests}, head {fullHead.Requests}); "
            + $"changed-only PR {pr.Requests}; re-run {again.Requests} in {again.Seconds:0.00} s; swap PR {swap.Requests}");
    }

    private static string[] ChangedOnly(TempFolder folder, string @out) =>
        ["run", "cigate.yml", "--out", folder.File(@out), "--quiet", "--changed-since", "main", "--reuse-from", folder.File("main"), "--reuse-branch", "main"];

    private static async Task<Dictionary<string, string>> CompareAsync(TempFolder folder, string @base, string head, string @out)
    {
        var compare = await CigateProcess.RunAsync(
            folder.Path, null, "compare", "--base", folder.File(@base), "--head", folder.File(head), "--out", folder.File(@out));
        Assert.True(compare.ExitCode is 0 or 1, compare.ToString());
        var gate = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder.File(@out), "gate.json"), Ct)).RootElement;
        return gate.GetProperty("suites").EnumerateArray().ToDictionary(
            s => s.GetProperty("suite").GetProperty("suite").GetString()!, s => s.GetProperty("verdict").GetString()!);
    }

    private static async Task<(ProcessResult Run, int Requests, double Seconds)> RunCountedAsync(string repo, params string[] args)
    {
        var log = Path.Combine(repo, "requests.log");
        var before = File.Exists(log) ? File.ReadAllLines(log).Length : 0;
        var clock = Stopwatch.StartNew();
        var run = await CigateProcess.RunAsync(repo, null, args);
        var seconds = clock.Elapsed.TotalSeconds;
        Assert.True(run.ExitCode == 0, run.ToString());
        var after = File.Exists(log) ? File.ReadAllLines(log).Length : 0;
        return (run, after - before, seconds);
    }

    private static void WriteFixture(string repo, string? served)
    {
        Directory.CreateDirectory(Path.Combine(repo, "prompts"));
        Directory.CreateDirectory(Path.Combine(repo, "data"));
        File.WriteAllText(Path.Combine(repo, ".gitignore"), "requests.log\n.cigate/\n");
        var suites = new System.Text.StringBuilder();
        foreach (var (suite, n) in Suites.Select((s, i) => (s, i)))
        {
            File.WriteAllText(Path.Combine(repo, "data", $"{suite}.jsonl"), string.Concat(Enumerable.Range(1, ItemsPerSuite).Select(i =>
                $$"""{"id": "{{suite}}-{{i}}", "question": "{{suite}} question {{i}}: which option is number {{i + n}}?", "options": ["one", "two", "three", "four"], "answer": "{{(char)('A' + ((i + n) % 4))}}"}""" + "\n")));
            var prompt = Path.Combine(repo, "prompts", $"{suite}.sbn");
            if (!File.Exists(prompt))
            {
                File.WriteAllText(prompt, "Question: {{ question }}\n{{ for option in options }}{{ letters[for.index] }}. {{ option }}\n{{ end }}Answer:");
            }

            suites.Append($$$"""
                  {{{suite}}}:
                    dataset: { path: data/{{{suite}}}.jsonl, id: id }
                    prompt: { template_file: prompts/{{{suite}}}.sbn }
                    scoring:
                      reference: "{{ answer }}"
                      filters:
                        - name: letter
                          cascade:
                            - { pattern: 'answer is \(?([A-J])\)?' }
                            - { pattern: '\b[A-J]\b', select: last }

                """);
        }

        var swap = served is null ? "" : $", served_model: {served}";
        File.WriteAllText(Path.Combine(repo, "cigate.yml"), $"""
            version: 1
            cache: {"{"} enabled: true, dir: .cigate/cache {"}"}
            targets:
              sim:
                simulator: {"{"} accuracy: 0.7, seed: 1, request_log: requests.log{swap} {"}"}
                concurrency: 8
            suites:
            {suites}
            """);
    }

    private static async Task GitAsync(string folder, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GIT_AUTHOR_NAME"] = info.Environment["GIT_COMMITTER_NAME"] = "cigate-test";
        info.Environment["GIT_AUTHOR_EMAIL"] = info.Environment["GIT_COMMITTER_EMAIL"] = "test@example.invalid";
        using var git = Process.Start(info)!;
        var stderr = git.StandardError.ReadToEndAsync(Ct);
        await git.StandardOutput.ReadToEndAsync(Ct);
        await git.WaitForExitAsync(Ct);
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {await stderr}");
    }
}
