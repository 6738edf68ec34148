using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>Issue 24 item 8: one writer per results folder, and a dead writer never blocks the next run.</summary>
public sealed class ConcurrentRunTests
{
    private const int Items = 30;

    // ~150 ms a sample, one at a time: the run holds its folder for seconds.
    private const string Slow = "accuracy: 0.7, seed: 3, ttft: 150ms, itl: 1ms";

    [Fact]
    public async Task TwoRunsIntoOneFolder_OneWritesEveryItemOnce_TheOtherStopsNamingIt()
    {
        using var folder = new TempFolder();
        var config = SmallSuite.Write(folder, Items, Slow, concurrency: 1);
        var output = folder.File("out");

        using var first = CigateProcess.Start(folder.Path, "run", config, "--out", output, "--quiet");
        using var second = CigateProcess.Start(folder.Path, "run", config, "--out", output, "--quiet");
        var results = await Task.WhenAll(first.WaitAsync(CigateProcess.DefaultTimeout), second.WaitAsync(CigateProcess.DefaultTimeout));

        var (winner, loser, winnerPid) = results[0].ExitCode == 0 ? (results[0], results[1], first.Pid) : (results[1], results[0], second.Pid);
        Assert.True(winner.ExitCode == 0, winner.ToString());
        Assert.True(loser.ExitCode == 2, loser.ToString());
        var line = Assert.Single(loser.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(line.StartsWith($"{output}: error CIGATE0421: another cigate process (pid {winnerPid} on ", StringComparison.Ordinal), line);
        Assert.Contains("is writing to this results folder", line, StringComparison.Ordinal);

        var items = ResultsFolder.ReadItems(output);
        Assert.Equal(Items, items.Count);
        Assert.Equal(Items, items.Select(i => i.Key).Distinct().Count());
        Assert.Equal("complete", ResultsFolder.ReadResults(output).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ALockHeldByAKilledRun_IsReclaimedByTheResume()
    {
        using var folder = new TempFolder();
        var config = SmallSuite.Write(folder, Items, Slow, concurrency: 1);
        var output = folder.File("out");
        var itemsPath = Path.Combine(output, "items.jsonl");

        using (var victim = CigateProcess.Start(folder.Path, "run", config, "--out", output, "--quiet"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (ResultsFolder.CountLines(itemsPath) < 3 && DateTime.UtcNow < deadline && !victim.HasExited)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.False(victim.HasExited, "the run ended before it could be killed");
            victim.Kill();
        }

        Assert.True(File.Exists(Path.Combine(output, ".cigate.lock")));
        var resumed = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", output, "--resume", "--quiet");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(Items, ResultsFolder.ReadItems(output).Count);
    }
}
