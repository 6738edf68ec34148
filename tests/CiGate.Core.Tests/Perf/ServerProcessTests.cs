using System.Diagnostics;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Perf.Server;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Perf;

/// <summary>A real shell child in its own process group: readiness, the log, early exit, timeout, and nothing left behind.</summary>
public sealed class ServerProcessTests
{
    [Fact]
    public async Task Waits_for_readiness_captures_the_log_and_stops_the_whole_group()
    {
        SkipOnWindows();
        using var temp = new TempFolder();
        var ready = Path.Combine(temp.Path, "ready");
        using var endpoint = new FakeHttpServer((path, _) => path == "/health" && File.Exists(ready) ? (200, "") : (503, "loading"));

        // The server forks a grandchild that ignores its parent, then becomes ready only after a while.
        var command = "echo out-line; echo err-line >&2; sleep 1000 & echo $! > grandchild.pid; sleep 0.5; touch ready; exec sleep 1000";
        var spec = Spec(command, temp.Path);

        // act
        var started = Stopwatch.StartNew();
        var server = await ServerProcess.StartAsync(spec, new Uri(endpoint.Root, "health"), temp.Path, [], TestContext.Current.CancellationToken);
        var readyAfter = started.Elapsed;
        var grandchild = int.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "grandchild.pid"), TestContext.Current.CancellationToken));
        var pid = server.ProcessId;
        var aliveWhileServing = Alive(grandchild) && Alive(pid);
        await server.DisposeAsync();

        // assert
        Assert.True(File.Exists(ready), "StartAsync returned before the readiness URL answered 200");
        Assert.True(readyAfter >= TimeSpan.FromMilliseconds(400), $"ready after {readyAfter}");
        Assert.True(aliveWhileServing);
        var log = await File.ReadAllTextAsync(Path.Combine(temp.Path, ServerSpec.DefaultLogFile), TestContext.Current.CancellationToken);
        Assert.Contains("out-line\n", log, StringComparison.Ordinal);
        Assert.Contains("err-line\n", log, StringComparison.Ordinal);
        Assert.True(await GoneAsync(grandchild), $"the grandchild {grandchild} outlived the stop");
        Assert.True(await GoneAsync(pid), "the server outlived the stop");
    }

    [Fact]
    public async Task A_server_that_exits_early_fails_with_exit_3_and_the_log_tail()
    {
        SkipOnWindows();
        using var temp = new TempFolder();
        using var endpoint = new FakeHttpServer((_, _) => (503, ""));
        var spec = Spec("echo 'CUDA out of memory' >&2; exit 7", temp.Path);

        var error = await Assert.ThrowsAsync<CiGateException>(() => ServerProcess.StartAsync(spec, endpoint.Root, temp.Path, [], TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.Infrastructure, error.ExitCode);
        var message = Assert.Single(error.Diagnostics).Message;
        Assert.Contains("exited with code 7 before it was ready", message, StringComparison.Ordinal);
        Assert.Contains("CUDA out of memory", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task A_server_that_never_gets_ready_times_out_and_is_killed()
    {
        SkipOnWindows();
        using var temp = new TempFolder();
        using var endpoint = new FakeHttpServer((_, _) => (503, "loading"));
        var spec = Spec("echo $$ > server.pid; echo still loading; exec sleep 1000", temp.Path) with { ReadyTimeout = TimeSpan.FromSeconds(1), ReadyInterval = TimeSpan.FromMilliseconds(100) };

        var error = await Assert.ThrowsAsync<CiGateException>(() => ServerProcess.StartAsync(spec, endpoint.Root, temp.Path, [], TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.Infrastructure, error.ExitCode);
        Assert.Contains("was not ready within 1 s", error.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", error.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("still loading", error.Diagnostics[0].Message, StringComparison.Ordinal);
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "server.pid"), TestContext.Current.CancellationToken));
        Assert.True(await GoneAsync(pid), "the server was left running after the timeout");
    }

    [Fact]
    public async Task Cancelling_while_waiting_stops_the_server()
    {
        SkipOnWindows();
        using var temp = new TempFolder();
        using var endpoint = new FakeHttpServer((_, _) => (503, ""));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var spec = Spec("echo $$ > server.pid; exec sleep 1000", temp.Path) with { ReadyInterval = TimeSpan.FromMilliseconds(100) };
        cancel.CancelAfter(TimeSpan.FromMilliseconds(800));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ServerProcess.StartAsync(spec, endpoint.Root, temp.Path, [], cancel.Token));

        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "server.pid"), TestContext.Current.CancellationToken));
        Assert.True(await GoneAsync(pid), "the server was left running after cancellation");
    }

    [Fact]
    public async Task A_server_that_ignores_SIGTERM_gets_SIGKILL_after_the_stop_timeout()
    {
        SkipOnWindows();
        using var temp = new TempFolder();
        // Ready only once the trap is set and the pid written: a stop before that would be a plain SIGTERM kill.
        using var endpoint = new FakeHttpServer((_, _) => File.Exists(Path.Combine(temp.Path, "server.pid")) ? (200, "") : (503, ""));
        var spec = Spec("trap '' TERM; echo $$ > server.tmp; mv server.tmp server.pid; while true; do sleep 0.1; done", temp.Path) with { StopTimeout = TimeSpan.FromMilliseconds(500) };
        var server = await ServerProcess.StartAsync(spec, endpoint.Root, temp.Path, [], TestContext.Current.CancellationToken);

        await server.DisposeAsync();

        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "server.pid"), TestContext.Current.CancellationToken));
        Assert.True(await GoneAsync(pid), "SIGKILL did not follow the ignored SIGTERM");
        Assert.Contains("sent SIGKILL", await File.ReadAllTextAsync(server.LogPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Env_values_expand_from_the_environment_and_a_missing_variable_is_a_config_error()
    {
        SkipOnWindows();
        using var temp = new TempFolder();
        using var endpoint = new FakeHttpServer((_, _) => File.Exists(Path.Combine(temp.Path, "seen.txt")) ? (200, "") : (503, ""));
        var name = "CIGATE_TEST_SECRET_" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(name, "s3cret-value");
        try
        {
            var spec = Spec("echo \"token=$HF_TOKEN\" > seen.tmp; mv seen.tmp seen.txt; exec sleep 1000", temp.Path) with { Environment = new Dictionary<string, string> { ["HF_TOKEN"] = $"${{{name}}}" } };
            await using (await ServerProcess.StartAsync(spec, endpoint.Root, temp.Path, [], TestContext.Current.CancellationToken))
            {
                Assert.Equal("token=s3cret-value\n", await File.ReadAllTextAsync(Path.Combine(temp.Path, "seen.txt"), TestContext.Current.CancellationToken));
            }

            Assert.DoesNotContain("s3cret-value", await File.ReadAllTextAsync(Path.Combine(temp.Path, ServerSpec.DefaultLogFile), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        var missing = Spec("exec sleep 1000", temp.Path) with { Environment = new Dictionary<string, string> { ["HF_TOKEN"] = $"${{{name}}}" } };
        var error = await Assert.ThrowsAsync<CiGateException>(() => ServerProcess.StartAsync(missing, endpoint.Root, temp.Path, [], TestContext.Current.CancellationToken));
        Assert.Equal(ExitCodes.UsageOrConfig, error.ExitCode);
        Assert.Equal(DiagnosticCodes.MissingEnvironmentVariable, error.Diagnostics[0].Code);
        Assert.Contains(name, error.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_inherits_no_secret_unless_its_env_names_it()
    {
        SkipOnWindows();
        using var temp = new TempFolder();
        using var endpoint = new FakeHttpServer((_, _) => File.Exists(Path.Combine(temp.Path, "seen.env")) ? (200, "") : (503, ""));
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var variables = new Dictionary<string, string>
        {
            [$"CIGATE_T{suffix}_API_KEY"] = "secret-by-pattern",
            [$"CIGATE_T{suffix}_GATEWAY"] = "secret-by-config",
            [$"CIGATE_T{suffix}_HF_TOKEN"] = "secret-passed-by-name",
            [$"CIGATE_T{suffix}_PLAIN"] = "plain-value",
        };
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            var spec = Spec("env > seen.tmp && mv seen.tmp seen.env; exec sleep 1000", temp.Path) with
            {
                Environment = new Dictionary<string, string> { ["PASSED"] = $"${{CIGATE_T{suffix}_HF_TOKEN}}" },
            };

            await using (await ServerProcess.StartAsync(spec, endpoint.Root, temp.Path, [$"CIGATE_T{suffix}_GATEWAY"], TestContext.Current.CancellationToken))
            {
            }

            var seen = await File.ReadAllTextAsync(Path.Combine(temp.Path, "seen.env"), TestContext.Current.CancellationToken);
            Assert.Contains($"CIGATE_T{suffix}_PLAIN=plain-value", seen, StringComparison.Ordinal);
            Assert.Contains("PASSED=secret-passed-by-name", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-by-pattern", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-by-config", seen, StringComparison.Ordinal);
            Assert.DoesNotContain($"CIGATE_T{suffix}_HF_TOKEN", seen, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    internal static ServerSpec Spec(string command, string cwd) =>
        new(command, new Dictionary<string, string>(), cwd, null, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), ServerSpec.DefaultLogFile, TimeSpan.FromSeconds(5));

    internal static void SkipOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("process groups and /bin/sh are Unix");
        }
    }

    /// <summary>Alive and not a zombie.</summary>
    internal static bool Alive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    internal static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 100 && Alive(pid); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return !Alive(pid);
    }
}
