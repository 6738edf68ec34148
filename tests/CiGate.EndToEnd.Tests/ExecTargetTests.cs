using System.Text.Json;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// `type: exec` through the real cigate process and a real Python app (ExecApps/app.py): faults,
/// a crash, SIGKILL and resume all end with the scores of a clean run; a one-shot script; no
/// secret from ${env:} in any file written or on the console.
/// </summary>
public sealed class ExecTargetTests
{
    private const int Cases = 150;

    [Fact]
    public async Task Error_replies_and_a_crash_mid_run_give_the_scores_of_a_clean_run()
    {
        using var folder = new TempFolder();
        var marker = folder.File("crashed.marker");
        var clean = ExecConfig.Write(folder, Cases, "--delay-ms 20", name: "clean.yml");
        var faulty = ExecConfig.Write(folder, Cases,
            $"--delay-ms 20 --faults 0.1 --seed 5 --crash-after 60 --marker '{marker}'", name: "faulty.yml");

        var runs = await Task.WhenAll(
            CigateProcess.RunWithAsync(folder.Path, ExecConfig.Allowed(), "run", clean, "--out", folder.File("clean"),
                "--quiet"),
            CigateProcess.RunWithAsync(folder.Path, ExecConfig.Allowed(), "run", faulty, "--out",
                folder.File("faulty"), "--quiet"));

        Assert.True(runs[0].ExitCode == 0, runs[0].ToString());
        Assert.True(runs[1].ExitCode == 0, runs[1].ToString());
        AssertSameScores(folder.File("clean"), folder.File("faulty"));
        var items = ResultsFolder.ReadItems(folder.File("faulty"));
        Assert.All(items, i => Assert.Null(i.ErrorKind));
        Assert.Contains(items, i => i.Attempts > 1);
        Assert.All(ResultsFolder.ReadItems(folder.File("clean")), i => Assert.Equal(1, i.Attempts));
        Assert.True(File.Exists(marker), "the app never crashed");
        var log = await File.ReadAllTextAsync(Path.Combine(folder.File("faulty"), "exec-app.log"),
            TestContext.Current.CancellationToken);
        Assert.Contains("crashing on request 60", log, StringComparison.Ordinal);
        Assert.Contains("restart 1 of at most 5", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_run_resumed_with_faults_matches_a_clean_run_and_leaves_no_app_behind()
    {
        using var folder = new TempFolder();
        var pidFile = folder.File("app.pid");
        var clean = ExecConfig.Write(folder, Cases, "", name: "clean.yml");
        var faulty = ExecConfig.Write(folder, Cases, $"--delay-ms 150 --faults 0.1 --seed 9 --pidfile '{pidFile}'",
            name: "faulty.yml");
        var killed = folder.File("killed");
        var items = Path.Combine(killed, "items.jsonl");

        var reference = await CigateProcess.RunWithAsync(folder.Path, ExecConfig.Allowed(), "run", clean, "--out",
            folder.File("clean"), "--quiet");
        int linesAtKill;
        using (var victim = CigateProcess.StartWith(folder.Path, ExecConfig.Allowed(), "run", faulty, "--out", killed,
            "--quiet"))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (ResultsFolder.CountLines(items) < 30)
            {
                Assert.False(victim.HasExited, victim.Snapshot(-1).ToString());
                Assert.True(DateTime.UtcNow < deadline, "fewer than 30 items in 60 s");
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }

            victim.Kill();
            linesAtKill = ResultsFolder.CountLines(items);
        }

        // The app sees its stdin close when cigate dies, and exits: nothing is left holding resources.
        var app = int.Parse(await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilGoneAsync(app);
        var resumed = await CigateProcess.RunWithAsync(folder.Path, ExecConfig.Allowed(), "run", faulty, "--out",
            killed, "--resume", "--quiet");

        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.InRange(linesAtKill, 30, Cases - 1);
        AssertSameScores(folder.File("clean"), killed);
        Assert.Equal("complete", ResultsFolder.ReadResults(killed).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_one_shot_script_answers_each_case_and_a_failing_exit_is_that_case_s_error()
    {
        using var folder = new TempFolder();
        folder.Write("cigate.yml", $"""
            targets:
              script:
                type: exec
                mode: once
                command: [python3, "{ExecConfig.App("once.py")}"]
                concurrency: 4
                retries: {"{"} max_attempts: 2, initial_delay: 10ms {"}"}
            suites:
              once:
                kind: prompts
                prompts: [{"{"} id: ask, text: '{"{{"} question {"}}"}' {"}"}]
                tests:
                  - vars: {"{"} question: 'say hi' {"}"}
                    assert: [{"{"} type: equals, value: 'plain: say hi' {"}"}]
                  - vars: {"{"} question: 'answer in json' {"}"}
                    assert: [{"{"} type: equals, value: 'as json: answer in json' {"}"}]
                  - vars: {"{"} question: 'please fail' {"}"}
                    assert: [{"{"} type: contains, value: x {"}"}]
            """);

        var run = await CigateProcess.RunWithAsync(folder.Path, ExecConfig.Allowed(), "run", "cigate.yml", "--out",
            folder.File("out"), "--quiet");

        var lines = File.ReadAllLines(Path.Combine(folder.File("out"),
            "items.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var passed = lines.Where(l => l.TryGetProperty("scores", out var s) && s.TryGetProperty("pass",
            out var p) && p.GetDouble() == 1).ToList();
        Assert.Equal(2, passed.Count);
        var failed = Assert.Single(lines, l => l.TryGetProperty("error", out _));
        Assert.EndsWith("exit code 1: boom: cannot answer",
            failed.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("something went wrong",
            await File.ReadAllTextAsync(Path.Combine(folder.File("out"), "exec-script.log"),
            TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_from_the_environment_appears_in_no_file_and_not_on_the_console()
    {
        using var folder = new TempFolder();
        const string Secret = "e2e-exec-secret-7f3a9c";
        var config = ExecConfig.Write(
            folder, 10, "--leak", "    env: { APP_TOKEN: \"${env:CIGATE_E2E_EXEC_TOKEN}\" }\n", name: "cigate.yml");
        File.AppendAllText(config,
            "      - { vars: { question: 'please leak' }, assert: [{ type: contains, value: 'token=' }] }\n"
            + "cache: { enabled: true, dir: cache }\n");
        var environment = ExecConfig.Allowed(("CIGATE_E2E_EXEC_TOKEN", Secret));

        var run = await CigateProcess.RunWithAsync(folder.Path, environment, "run", config, "--out",
            folder.File("out"));
        var again = await CigateProcess.RunWithAsync(folder.Path, environment, "run", config, "--out",
            folder.File("again"));
        var compare = await CigateProcess.RunWithAsync(folder.Path, environment, "compare", "--base",
            folder.File("out"), "--head", folder.File("again"), "--out", folder.File("cmp"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(compare.ExitCode is 0 or 1, compare.ToString());
        var leaked = ResultsFolder.ReadItems(folder.File("out")).Single(i => i.Output!.Contains("leak",
            StringComparison.Ordinal));
        Assert.EndsWith("token=***", leaked.Output, StringComparison.Ordinal);
        Assert.Contains("starting with token ***",
            await File.ReadAllTextAsync(Path.Combine(folder.File("out"), "exec-app.log"),
            TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var files = Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("responses.jsonl", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.DoesNotContain(Secret, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken),
                StringComparison.Ordinal);
        }

        foreach (var output in new[] { run, again, compare })
        {
            Assert.DoesNotContain(Secret, output.Stdout + output.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_allow_commands_an_exec_target_is_refused_at_its_command()
    {
        using var folder = new TempFolder();
        var config = ExecConfig.Write(folder, 3, "");

        var refused = await CigateProcess.RunWithAsync(folder.Path, new Dictionary<string,
            string?> { ["CIGATE_ALLOW_COMMANDS"] = null }, "run", config, "--out", folder.File("out"), "--quiet");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        var line = Assert.Single(refused.Stderr.Split('\n'), l => l.Contains("CIGATE0022", StringComparison.Ordinal));
        Assert.StartsWith($"{config}(4,", line, StringComparison.Ordinal);
        Assert.Contains("'targets.app.command' would start a process", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("out")), "the run started");
    }

    private static void AssertSameScores(string expectedFolder, string actualFolder)
    {
        var expected = ResultsFolder.ReadItems(expectedFolder).ToDictionary(i => i.Key);
        var actual = ResultsFolder.ReadItems(actualFolder).ToDictionary(i => i.Key);
        Assert.Equal(Cases, expected.Count);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, item) in expected)
        {
            Assert.Equal(item.Answer, actual[key].Answer);
        }

        // Some cases fail on purpose (N % 5 == 0): the comparison covers both outcomes.
        Assert.Contains(expected.Values, i => i.Scores.Contains("\"pass\":0", StringComparison.Ordinal));
        Assert.Equal(Metrics(expectedFolder), Metrics(actualFolder));
    }

    private static string Metrics(string folder)
    {
        return ResultsFolder.OnlySuite(ResultsFolder.ReadResults(folder)).GetProperty("metrics").GetRawText();
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z",
            StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"the exec app (pid {pid}) still runs 15 s after cigate was killed");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
