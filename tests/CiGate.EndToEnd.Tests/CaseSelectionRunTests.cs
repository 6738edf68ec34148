using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Issue 21: prompt-suite cases selected one by one. A fixture repository with real git commits and
/// one 40-case prompts suite on the simulator, which counts the model requests in its request log.
/// Each case's question is a <c>file://</c> var (cases/NN.txt): a PR touching one case's file runs that
/// case (plus the canary that checks the reused base) and copies the other 39 from main's run, with
/// the verdict a full run gets; a change to a file a case declares in <c>inputs:</c>, or to a JSON schema
/// its assertion names, runs that case; a change to the suite's prompt runs the whole suite.
/// </summary>
public sealed class CaseSelectionRunTests
{
    private const int Cases = 40;
    private const int Canary = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pr_touching_one_case_file_runs_that_case_alone_with_the_full_runs_verdict()
    {
        using var folder = new TempFolder();
        var repo = Path.Combine(folder.Path, "repo");
        WriteFixture(repo);
        await GitAsync(repo, "init", "-q", "-b", "main");
        await GitAsync(repo, "add", "-A");
        await GitAsync(repo, "commit", "-q", "-m", "forty cases");
        var main = await RunCountedAsync(repo, "run", "cigate.yml", "--out", folder.File("main"), "--quiet");
        Assert.Equal(Cases, main.Requests);

        // PR 1: case-04's question loses the word its answer needs (a passing case now fails).
        await GitAsync(repo, "checkout", "-q", "-b", "pr-1");
        File.WriteAllText(Path.Combine(repo, "cases", "04.txt"), "Question 4: what colour is the grass?\n");
        await GitAsync(repo, "commit", "-q", "-am", "case 4: another question");

        var clone = Path.Combine(folder.Path, "clone");
        await GitAsync(folder.Path, "clone", "-q", "-b", "pr-1", repo, clone);
        var fullHead = await RunCountedAsync(clone, "run", "cigate.yml", "--out", folder.File("full-head"), "--quiet");
        Assert.Equal(Cases, fullHead.Requests);
        var fullVerdicts = await CompareAsync(folder, "main", "full-head", "cmp-full");
        Assert.Equal("fail", fullVerdicts["faq"]);

        var pr = await RunCountedAsync(repo, ChangedOnly(folder, "pr-head"));
        // The changed case, and the canary asked of the reused cases: nothing else.
        Assert.Equal(1 + Canary, pr.Requests);
        Assert.Contains(
            "faq@sim: 1 of 40 cases run; 39 reused from main@", pr.Run.Stderr, StringComparison.Ordinal);
        Assert.Contains("case-04: cases/04.txt changed", pr.Run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"canary of {Canary} items: 0 of {Canary} flipped", pr.Run.Stderr, StringComparison.Ordinal);
        var items = Items(folder.File("pr-head"));
        Assert.Equal(Cases, items.Count);
        Assert.Equal(["case-04"], items.Where(i => i.ReusedFrom is null).Select(i => i.Item));
        Assert.All(
            items.Where(i => i.Item != "case-04"),
            i => Assert.StartsWith("main@", i.ReusedFrom, StringComparison.Ordinal));
        Assert.Equal(fullVerdicts, await CompareAsync(folder, "main", "pr-head", "cmp-pr"));
        // The same answers as the full run, case for case, and every output says what ran.
        Assert.Equal(Answers(folder.File("full-head")), Answers(folder.File("pr-head")));
        var comment = await File.ReadAllTextAsync(folder.File("cmp-pr/comment.md"), Ct);
        Assert.Contains("1 of 40 cases run; 39 reused from main@", comment, StringComparison.Ordinal);
        var results = ResultsFolder.ReadResults(folder.File("pr-head"));
        var reused = ResultsFolder.OnlySuite(results).GetProperty("reused");
        Assert.Equal(1, reused.GetProperty("cases").GetProperty("run").GetInt32());
        Assert.Equal(Cases, reused.GetProperty("cases").GetProperty("total").GetInt32());
        Assert.Contains("1 of 40 cases run; 39 reused from main@", pr.Run.Stdout, StringComparison.Ordinal);

        // Its re-run asks nothing: the case's answer and the canary's are cached.
        var again = await RunCountedAsync(repo, ChangedOnly(folder, "pr-head-again"));
        Assert.Equal(0, again.Requests);
        Assert.Equal(fullVerdicts, await CompareAsync(folder, "main", "pr-head-again", "cmp-again"));

        // PR 2: a file case-01 declares in inputs: changes (its app reads it; the prompt does not show it).
        await GitAsync(repo, "checkout", "-q", "main");
        await GitAsync(repo, "checkout", "-q", "-b", "pr-2");
        File.AppendAllText(Path.Combine(repo, "docs", "colours.md"), "Violet is a colour too.\n");
        await GitAsync(repo, "commit", "-q", "-am", "docs: one more colour");
        var declared = await RunCountedAsync(repo, ChangedOnly(folder, "pr2-head"));
        Assert.Contains("case-01: docs/colours.md changed", declared.Run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["case-01"], Items(folder.File("pr2-head")).Where(i => i.ReusedFrom is null).Select(i => i.Item));
        // case-01 ran, but asks what main asked (the response cache answers), and the canary may be cached too.
        Assert.True(declared.Requests <= 1 + Canary, $"{declared.Requests} requests");
        // Nothing answers differently: the verdict of main against itself (failing on both sides warns).
        var itself = await CompareAsync(folder, "main", "main", "cmp-aa");
        Assert.Equal(itself, await CompareAsync(folder, "main", "pr2-head", "cmp-pr2"));

        // PR 3: the suite's own prompt changes: every case runs, as today.
        await GitAsync(repo, "checkout", "-q", "main");
        await GitAsync(repo, "checkout", "-q", "-b", "pr-3");
        File.AppendAllText(Path.Combine(repo, "prompts", "ask.txt"), "\nBe brief.");
        await GitAsync(repo, "commit", "-q", "-am", "prompt: be brief");
        var whole = await RunCountedAsync(repo, ChangedOnly(folder, "pr3-head"));
        Assert.Equal(Cases, whole.Requests);
        Assert.Contains(
            "faq@sim: runs: its definition, prompt, dataset or model changed",
            whole.Run.Stderr,
            StringComparison.Ordinal);

        // PR 4: the JSON schema case-03's assertion names changes: that case runs (its text is in no hash).
        await GitAsync(repo, "checkout", "-q", "main");
        await GitAsync(repo, "checkout", "-q", "-b", "pr-4");
        File.WriteAllText(Path.Combine(repo, "schema.json"), """{ "type": "object", "required": ["answer"] }""");
        await GitAsync(repo, "commit", "-q", "-am", "schema: an answer is required");
        var schema = await RunCountedAsync(repo, ChangedOnly(folder, "pr4-head"));
        Assert.Contains("case-03: schema.json changed", schema.Run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["case-03"], Items(folder.File("pr4-head")).Where(i => i.ReusedFrom is null).Select(i => i.Item));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"model requests: main {main.Requests}; full base + head of PR 1 {main.Requests + fullHead.Requests}; "
            + $"case-level PR 1 {pr.Requests} (1 case + a {Canary}-item canary); re-run {again.Requests} in "
            + $"{again.Seconds:0.00} s; PR 2 (a case's declared input) {declared.Requests}; "
            + $"PR 3 (the prompt) {whole.Requests}");
    }

    private static string[] ChangedOnly(TempFolder folder, string @out) =>
        [
            "run", "cigate.yml", "--out", folder.File(@out), "--changed-since", "main",
            "--reuse-from", folder.File("main"), "--reuse-branch", "main", "--quiet",
        ];

    private static List<(string Item, string? ReusedFrom, string Pass)> Items(string results) =>
        [.. File.ReadAllLines(Path.Combine(results, "items.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (
                e.GetProperty("item").GetString()!,
                e.TryGetProperty("reused_from", out var from) ? from.GetString() : null,
                e.GetProperty("scores").GetProperty("pass").GetRawText()))];

    private static Dictionary<string, string> Answers(string results) =>
        Items(results).ToDictionary(i => i.Item, i => i.Pass, StringComparer.Ordinal);

    private static async Task<Dictionary<string, string>> CompareAsync(
        TempFolder folder, string @base, string head, string @out)
    {
        var compare = await CigateProcess.RunAsync(
            folder.Path, null, "compare", "--base", folder.File(@base), "--head", folder.File(head),
            "--out", folder.File(@out));
        Assert.True(compare.ExitCode is 0 or 1, compare.ToString());
        var text = await File.ReadAllTextAsync(Path.Combine(folder.File(@out), "gate.json"), Ct);
        var gate = JsonDocument.Parse(text).RootElement;
        return gate.GetProperty("suites").EnumerateArray().ToDictionary(
            s => s.GetProperty("suite").GetProperty("suite").GetString()!, s => s.GetProperty("verdict").GetString()!);
    }

    private static async Task<(ProcessResult Run, int Requests, double Seconds)> RunCountedAsync(
        string repo, params string[] args)
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

    /// <summary>
    /// Even cases ask about the sky (the simulator answers "blue": pass), odd ones about something
    /// else (it answers it is not sure: fail). case-01 also declares docs/colours.md as an input.
    /// </summary>
    private static void WriteFixture(string repo)
    {
        foreach (var dir in new[] { "cases", "prompts", "docs" })
        {
            Directory.CreateDirectory(Path.Combine(repo, dir));
        }

        File.WriteAllText(Path.Combine(repo, ".gitignore"), "requests.log\n.cigate/\n");
        File.WriteAllText(Path.Combine(repo, "prompts", "ask.txt"), "Answer the customer.\n{{ question }}");
        File.WriteAllText(Path.Combine(repo, "docs", "colours.md"), "# Colours\n");
        File.WriteAllText(Path.Combine(repo, "schema.json"), """{ "type": "object" }""");
        File.WriteAllText(Path.Combine(repo, "sim.yaml"), """
            - match: /colour is the sky/
              reply: "The sky is blue."
            - match: Answer the customer
              reply: "I am not sure."
            """);
        var tests = new StringBuilder();
        for (var i = 0; i < Cases; i++)
        {
            var question = i % 2 == 0 ? $"Question {i}: what colour is the sky?" : $"Question {i}: what is the time?";
            File.WriteAllText(Path.Combine(repo, "cases", $"{i:00}.txt"), question + "\n");
            var inputs = i == 1 ? ", inputs: [docs/colours.md]" : "";
            var schema = i == 3 ? ", { type: is-json, value: file://schema.json }" : "";
            tests.AppendLine(
                $"      - {{ id: case-{i:00}, vars: {{ question: \"file://cases/{i:00}.txt\" }}{inputs}, "
                + $"assert: [ {{ type: icontains, value: blue }}{schema} ] }}");
        }

        File.WriteAllText(Path.Combine(repo, "cigate.yml"), $$$"""
            version: 1
            cache: { enabled: true, dir: .cigate/cache }
            targets:
              sim:
                simulator: { scripts: [sim.yaml], request_log: requests.log }
                concurrency: 8
            suites:
              faq:
                kind: prompts
                prompts: [prompts/ask.txt]
                reuse: { canary: {{{Canary}}} }
                tests:
            {{{tests}}}
            """);
    }

    private static async Task GitAsync(string folder, params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
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
