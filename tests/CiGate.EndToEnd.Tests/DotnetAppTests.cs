using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// examples/dotnet-app end to end: the real cigate process runs a prompts suite against MyApp.Evals
/// (CiGate.Target serving an IChatClient pipeline) through an exec target, over the simulator. Faults
/// in the model the app calls, and a SIGKILL then --resume, end with the scores of a clean run.
/// </summary>
public sealed class DotnetAppTests
{
    private const int Repeats = 146;

    private const int Cases = Repeats + 4;

    [Fact]
    public async Task Ten_percent_model_faults_and_a_killed_then_resumed_run_score_exactly_as_a_clean_run()
    {
        using var folder = new TempFolder();
        var clean = DotnetAppConfig.Write(folder, "clean.yml", Repeats, "");
        var faulty = DotnetAppConfig.Write(folder, "faulty.yml", Repeats, ", faults: { rate: 0.1, seed: 3 }");
        var slow = DotnetAppConfig.Write(folder, "slow.yml", Repeats, ", ttft: 60ms, faults: { rate: 0.1, seed: 4 }",
            concurrency: 2);

        var runs = await Task.WhenAll(
            CigateProcess.RunWithAsync(folder.Path, ExecConfig.Allowed(), "run", clean, "--out", folder.File("clean"),
                "--quiet"),
            CigateProcess.RunWithAsync(folder.Path, ExecConfig.Allowed(), "run", faulty, "--out",
                folder.File("faulty"), "--quiet"));
        var killed = folder.File("killed");
        using (var victim = CigateProcess.StartWith(folder.Path, ExecConfig.Allowed(), "run", slow, "--out", killed,
            "--quiet"))
        {
            await HttpTargetTests.WaitForLinesAsync(victim, Path.Combine(killed, "items.jsonl"), 10);
            victim.Kill();
        }

        var linesAtKill = ResultsFolder.CountLines(Path.Combine(killed, "items.jsonl"));
        var resumed = await CigateProcess.RunWithAsync(folder.Path, ExecConfig.Allowed(), "run", slow, "--out", killed,
            "--resume", "--quiet");

        Assert.All(runs, r => Assert.True(r.ExitCode is 0 or 1, r.ToString()));
        Assert.True(resumed.ExitCode is 0 or 1, resumed.ToString());
        Assert.InRange(linesAtKill, 10, Cases - 1);
        var expected = ResultsFolder.ReadItems(folder.File("clean")).ToDictionary(i => i.Key);
        Assert.Equal(Cases, expected.Count);
        Assert.Equal("The capital of France is Paris.", expected.Single(p => p.Key.Item.Contains("france",
            StringComparison.Ordinal)).Value.Output);
        Assert.Contains(expected.Values, i => i.Scores.Contains("\"pass\":0", StringComparison.Ordinal));
        Assert.Contains(expected.Values, i => i.Scores.Contains("\"pass\":1", StringComparison.Ordinal));
        Assert.All(expected.Values, i => Assert.Equal(1, i.Attempts));
        var cleanMetrics = ResultsFolder.OnlySuite(ResultsFolder.ReadResults(folder.File("clean")))
            .GetProperty("metrics").GetRawText();
        foreach (var other in new[] { "faulty", "killed" })
        {
            var actual = ResultsFolder.ReadItems(folder.File(other)).ToDictionary(i => i.Key);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.All(expected, pair => Assert.Equal(pair.Value.Answer, actual[pair.Key].Answer));
            Assert.All(actual.Values, i => Assert.Null(i.ErrorKind));
            var results = ResultsFolder.ReadResults(folder.File(other));
            Assert.Equal("complete", results.GetProperty("status").GetString());
            Assert.Equal(cleanMetrics, ResultsFolder.OnlySuite(results).GetProperty("metrics").GetRawText());
        }

        // The app's OpenAI client absorbs 429s, 500s and resets itself; stalls (past cigate's 3 s timeout) and
        // replies cut off mid-JSON reach cigate, which retries them. Over 150 cases (seed 3) some do: otherwise
        // the comparison would prove nothing about cigate.
        Assert.Contains(ResultsFolder.ReadItems(folder.File("faulty")), i => i.Attempts > 1);
        var log = await File.ReadAllTextAsync(Path.Combine(folder.File("faulty"), "exec-app.log"),
            TestContext.Current.CancellationToken);
        Assert.Contains("MyApp.Evals: cleaned an answer", log, StringComparison.Ordinal);
    }
}
