using CiGate.Core.Suites.Perf.Server;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Perf;

/// <summary>The `server:` block around a sweep: started before the first load point, stopped after, skipped when nothing is left.</summary>
[Collection(PerfHarness.Collection)]
public sealed class ServerSweepTests
{
    [Fact]
    public async Task The_server_runs_around_the_sweep_and_a_finished_run_resumed_starts_none()
    {
        // arrange: a stand-in server process that is ready only once it has written its pid (readiness from the
        // simulator's /health would let a loaded machine stop the stand-in before its shell ran the echo).
        ServerProcessTests.SkipOnWindows();
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "results");
        var started = Path.Combine(temp.Path, "started.txt");
        using var readiness = new FakeHttpServer((path, _) =>
            path == "/health" && File.Exists(started) && new FileInfo(started).Length > 0 ? (200, "") : (503, "starting"));
        var ready = new Uri(readiness.Root, "health");
        var suite = $"""
            workload: {"{"} prompt_tokens: 8, output_tokens: 4, tokenizer: words {"}"}
            profile: synchronous
            max_requests: 4
            server:
              command: "echo $$ >> '{started}'; exec sleep 1000"
              stop_timeout: 5s
              ready: {"{"} url: "{ready}", timeout: 60s, interval: 50ms {"}"}
            """;

        // act
        var first = await PerfHarness.RunAsync(suite, folder: folder);
        var pid = int.Parse((await File.ReadAllLinesAsync(started, TestContext.Current.CancellationToken)).Single(), System.Globalization.CultureInfo.InvariantCulture);
        var goneAfterRun = await ServerProcessTests.GoneAsync(pid);
        await PerfHarness.RunAsync(suite, folder: folder);

        // assert
        Assert.Equal(4, first.Requests.Count);
        Assert.True(goneAfterRun, "the server outlived the sweep");
        Assert.True(first.Perf.Environment!.ServerStarted);
        Assert.Single(await File.ReadAllLinesAsync(started, TestContext.Current.CancellationToken));
        Assert.Contains("==> cigate", await File.ReadAllTextAsync(Path.Combine(folder, ServerSpec.DefaultLogFile), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
