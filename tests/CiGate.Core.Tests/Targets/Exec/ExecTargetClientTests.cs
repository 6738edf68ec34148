using CiGate.Core.Targets;
using CiGate.Core.Targets.Exec;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Targets.Exec;

/// <summary>
/// The cigate-exec/1 client against a real Python app: matching by id, retries, crashes, restarts, start failures.
/// </summary>
public sealed class ExecTargetClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Many_requests_in_flight_each_get_their_own_reply()
    {
        using var folder = new TempFolder();
        await using var client = TargetClientFactory.Create(ExecApp.Target(folder.Path, ["--delay-ms", "30"],
            concurrency: 32));

        var answers = await ExecApp.AskSquaresAsync(client, 200, Ct);

        for (var n = 1; n <= 200; n++)
        {
            Assert.Equal($"The square of {n} is {(n * n) + (n % 5 == 0 ? 1 : 0)}.", answers[n - 1].Text);
            Assert.Equal(1, answers[n - 1].Attempts);
            Assert.Equal("test-app/1.0", answers[n - 1].ServedModel);
            Assert.Equal("stop", answers[n - 1].FinishReason);
            Assert.Equal(3, answers[n - 1].Usage!.PromptTokens);
        }
    }

    [Fact]
    public async Task Tools_reach_the_app_and_its_tool_calls_and_trace_come_back_and_from_the_cache()
    {
        using var folder = new TempFolder();
        var surface = new RequestSurface(
            System.Text.Json.Nodes.JsonNode.Parse(
                """[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}]""")!.AsArray(),
            null,
            null,
            System.Text.Json.Nodes.JsonNode.Parse("""{"type":"json_object"}""")!.AsObject());
        var request = ExecApp.Ask("where is 1 + 1 < 3", "case-1") with { Surface = surface };
        ModelResponse first, cached, plain;
        await using (var cache = await ResponseCache.OpenAsync(System.IO.Path.Combine(folder.Path, "cache"), Ct))
        {
            await using var client = TargetClientFactory.Create(ExecApp.Target(folder.Path, []), cache);
            first = await client.CompleteAsync(request, Ct);
            cached = await client.CompleteAsync(request, Ct);
            plain = await client.CompleteAsync(request with { Surface = null }, Ct);
        }

        Assert.Equal([new ToolCall("call_1", "lookup", """{"q":"where is 1 + 1 < 3"}""")], first.ToolCalls);
        Assert.Equal("tool_calls", first.FinishReason);
        Assert.Contains(
            "\"surface\":{\"response_format\":{\"type\":\"json_object\"}}", first.Trace, StringComparison.Ordinal);
        Assert.True(cached.FromCache);
        Assert.Equal(first.ToolCalls, cached.ToolCalls);
        Assert.Equal(first.Trace, cached.Trace);
        Assert.Equal(first.Text, cached.Text);
        Assert.False(plain.FromCache);
        Assert.Empty(plain.ToolCalls);
    }

    [Fact]
    public async Task Retryable_error_replies_are_retried_and_a_rejection_is_not()
    {
        using var folder = new TempFolder();
        await using var client = TargetClientFactory.Create(ExecApp.Target(folder.Path,
            ["--faults", "0.5", "--seed", "3"]));

        var answers = await ExecApp.AskSquaresAsync(client, 40, Ct);
        var rejected = await Assert.ThrowsAsync<TargetException>(
            () => client.CompleteAsync(ExecApp.Ask("please reject this"), Ct));

        Assert.Contains(answers, a => a.Attempts == 2);
        Assert.All(answers, a => Assert.StartsWith("The square of", a.Text, StringComparison.Ordinal));
        Assert.Equal(TargetErrorKind.Rejected, rejected.Kind);
        Assert.Equal(1, rejected.Attempts);
        Assert.Contains("rejected on purpose", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_fails_only_the_requests_in_flight_which_are_retried_on_a_restarted_app()
    {
        using var folder = new TempFolder();
        var marker = Path.Combine(folder.Path, "crashed");
        await using var client = TargetClientFactory.Create(
            ExecApp.Target(folder.Path, ["--crash-after", "20", "--marker", marker, "--delay-ms", "50"],
                concurrency: 8));

        var answers = await ExecApp.AskSquaresAsync(client, 60, Ct);

        Assert.True(File.Exists(marker));
        Assert.Equal(60, answers.Count(a => a.Text.StartsWith("The square of", StringComparison.Ordinal)));
        Assert.Contains(answers, a => a.Attempts > 1);
        var log = ExecApp.Log(folder.Path);
        Assert.Contains("crashing on request 20", log, StringComparison.Ordinal);
        Assert.Contains("restart 1 of at most 5", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_that_keeps_crashing_runs_out_of_restarts_with_a_coded_error()
    {
        using var folder = new TempFolder();
        await using var client = TargetClientFactory.Create(ExecApp.Target(folder.Path, ["--crash-always"],
            maxRestarts: 2, maxAttempts: 10));

        var error = await Assert.ThrowsAsync<TargetException>(() => client.CompleteAsync(ExecApp.Ask("hello"), Ct));
        var next = await Assert.ThrowsAsync<TargetException>(() => client.CompleteAsync(ExecApp.Ask("again"), Ct));

        Assert.Equal(TargetErrorKind.Unreachable, error.Kind);
        Assert.Contains("CIGATE0321", error.Message, StringComparison.Ordinal);
        Assert.Contains("crashed 3 times (max_restarts: 2)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, next.Attempts);
        Assert.DoesNotContain('\n', error.Message);
    }

    // Only the silent app waits out its startup timeout; the others get 20 s, as python3 alone takes
    // about a second to start on a loaded 2-core machine (1 s made them fail as "no hello").
    [Theory]
    [InlineData("--no-hello", 1, "no hello within 1 s")]
    [InlineData("--wrong-protocol", 20, "protocol 'cigate-exec/0'")]
    [InlineData("--not-a-flag", 20, "exited before its hello")]
    public async Task An_app_that_does_not_start_properly_fails_with_CIGATE0320(string flag, int startup,
        string expected)
    {
        using var folder = new TempFolder();
        await using var client = TargetClientFactory.Create(ExecApp.Target(folder.Path, [flag],
            startup: TimeSpan.FromSeconds(startup)));

        var error = await Assert.ThrowsAsync<TargetException>(() => client.CompleteAsync(ExecApp.Ask("hello"), Ct));

        Assert.Equal(TargetErrorKind.Unreachable, error.Kind);
        Assert.Contains("CIGATE0320", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_reply_times_out_per_attempt()
    {
        using var folder = new TempFolder();
        await using var client = TargetClientFactory.Create(
            ExecApp.Target(folder.Path, ["--delay-ms", "3000"], timeout: TimeSpan.FromMilliseconds(100),
                maxAttempts: 2));

        var error = await Assert.ThrowsAsync<TargetException>(
            () => client.CompleteAsync(ExecApp.Ask("a slow question"), Ct));

        Assert.Equal(TargetErrorKind.Timeout, error.Kind);
        Assert.Equal(2, error.Attempts);
    }

    [Fact]
    public async Task Secrets_from_the_environment_are_masked_in_the_log_and_the_output()
    {
        using var folder = new TempFolder();
        const string Secret = "s3cr3t-token-value-42";
        Environment.SetEnvironmentVariable("CIGATE_EXEC_TEST_TOKEN", Secret);
        var env = new Dictionary<string, string> { ["APP_TOKEN"] = "${env:CIGATE_EXEC_TEST_TOKEN}" };
        await using (var client = TargetClientFactory.Create(ExecApp.Target(folder.Path, ["--leak"], env: env)))
        {
            var answer = await client.CompleteAsync(ExecApp.Ask("please leak"), Ct);

            Assert.Equal("echo: please leak token=***", answer.Text);
        }

        var log = ExecApp.Log(folder.Path);
        Assert.Contains("starting with token ***", log, StringComparison.Ordinal);
        Assert.Contains("stdout: not protocol: token ***", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_stops_the_whole_process_group()
    {
        using var folder = new TempFolder();
        var childFile = Path.Combine(folder.Path, "child.pid");
        var appFile = Path.Combine(folder.Path, "app.pid");
        var client = TargetClientFactory.Create(ExecApp.Target(folder.Path,
            ["--fork-child", childFile, "--pidfile", appFile]));
        await client.CompleteAsync(ExecApp.Ask("hi"), Ct);
        var child = int.Parse(await File.ReadAllTextAsync(childFile, Ct),
            System.Globalization.CultureInfo.InvariantCulture);
        var app = int.Parse(await File.ReadAllTextAsync(appFile, Ct),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Running(child));

        await client.DisposeAsync();

        Assert.False(Running(app));
        Assert.False(Running(child));
    }

    private static bool Running(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        var text = File.ReadAllText(stat);
        return text[(text.LastIndexOf(')') + 2)] is not ('Z' or 'X');
    }
}
