using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// A prompts suite run by the real cigate process against a real JSON app (Apps/answer_app.py)
/// through a `type: http` target: faults and a SIGKILL change nothing in the scores.
/// </summary>
public sealed class HttpTargetTests
{
    private const int Cases = 60;

    private const string Resilient = "    concurrency: 8\n    timeout: 5s\n    retries: { max_attempts: 8, initial_delay: 20ms, max_delay: 2s }\n";

    [Fact]
    public async Task Ten_percent_faults_and_a_killed_then_resumed_run_score_exactly_as_a_clean_run()
    {
        using var folder = new TempFolder();
        using var cleanApp = await AnswerApp.StartAsync();
        using var faultyApp = await AnswerApp.StartAsync(faultRate: 0.1);
        using var slowApp = await AnswerApp.StartAsync(delayMs: 40);
        var clean = HttpSuiteConfig.Write(folder, "clean.yml", cleanApp, Cases, Resilient);
        var faulty = HttpSuiteConfig.Write(folder, "faulty.yml", faultyApp, Cases, Resilient);
        var slow = HttpSuiteConfig.Write(folder, "slow.yml", slowApp, Cases, "    concurrency: 2\n");

        var validate = await CigateProcess.RunAsync(folder.Path, null, "validate", clean);
        var runs = await Task.WhenAll(
            CigateProcess.RunAsync(folder.Path, null, "run", clean, "--out", folder.File("clean"), "--quiet"),
            CigateProcess.RunAsync(folder.Path, null, "run", faulty, "--out", folder.File("faulty"), "--quiet"));
        var killed = folder.File("killed");
        using (var victim = CigateProcess.Start(folder.Path, "run", slow, "--out", killed, "--quiet"))
        {
            await WaitForLinesAsync(victim, Path.Combine(killed, "items.jsonl"), 10);
            victim.Kill();
        }

        var linesAtKill = ResultsFolder.CountLines(Path.Combine(killed, "items.jsonl"));
        var resumed = await CigateProcess.RunAsync(folder.Path, null, "run", slow, "--out", killed, "--resume", "--quiet");

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.All(runs, r => Assert.True(r.ExitCode is 0 or 1, r.ToString()));
        Assert.True(resumed.ExitCode is 0 or 1, resumed.ToString());
        Assert.InRange(linesAtKill, 10, Cases - 1);
        var expected = ResultsFolder.ReadItems(folder.File("clean")).ToDictionary(i => i.Key);
        Assert.Equal(Cases, expected.Count);
        Assert.Contains(expected.Values, i => i.Scores.Contains("\"pass\":0", StringComparison.Ordinal));
        Assert.Contains(expected.Values, i => i.Scores.Contains("\"pass\":1", StringComparison.Ordinal));
        var cleanMetrics = ResultsFolder.OnlySuite(ResultsFolder.ReadResults(folder.File("clean"))).GetProperty("metrics").GetRawText();
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

        // The faults really happened, were retried, and a 429's Retry-After: 1 was waited out.
        var stats = await faultyApp.StatsAsync();
        var faults = stats.GetProperty("faults");
        Assert.All(new[] { "500", "reset", "429" }, kind => Assert.True(faults.GetProperty(kind).GetInt32() > 0, faults.GetRawText()));
        Assert.Contains(ResultsFolder.ReadItems(folder.File("faulty")), i => i.Attempts > 1);
        Assert.All(stats.GetProperty("retry_after_gaps_ms").EnumerateArray(), gap => Assert.InRange(gap.GetInt32(), 950, 10_000));
    }

    [Fact]
    public async Task A_streamed_reply_assembles_to_the_same_outputs_as_the_json_reply()
    {
        using var folder = new TempFolder();
        using var app = await AnswerApp.StartAsync();
        var json = HttpSuiteConfig.Write(folder, "json.yml", app, 20);
        var sse = HttpSuiteConfig.Write(folder, "sse.yml", app, 20, path: "v1/stream", reply: HttpSuiteConfig.StreamReply);

        var runs = await Task.WhenAll(
            CigateProcess.RunAsync(folder.Path, null, "run", json, "--out", folder.File("json"), "--quiet"),
            CigateProcess.RunAsync(folder.Path, null, "run", sse, "--out", folder.File("sse"), "--quiet"));

        Assert.All(runs, r => Assert.True(r.ExitCode is 0 or 1, r.ToString()));
        var expected = ResultsFolder.ReadItems(folder.File("json")).ToDictionary(i => i.Key, i => i.Answer);
        var actual = ResultsFolder.ReadItems(folder.File("sse")).ToDictionary(i => i.Key, i => i.Answer);
        Assert.Equal(expected, actual);
    }

    internal static async Task WaitForLinesAsync(CigateProcess process, string path, int lines)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (ResultsFolder.CountLines(path) < lines)
        {
            Assert.False(process.HasExited, $"the run ended before it wrote {lines} items: {process.Snapshot(-1)}");
            Assert.True(DateTime.UtcNow < deadline, $"the run wrote fewer than {lines} items in 60 s: {process.Snapshot(-1)}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
