using System.Net;
using System.Net.Sockets;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// A perf suite whose `server:` block starts the real `cigate sim` as the model server: cigate
/// waits for /health, probes it, samples /metrics, and stops it when the run ends or is signalled.
/// </summary>
public sealed class PerfServerTests
{
    [Fact]
    public async Task Run_starts_the_server_measures_it_and_stops_it()
    {
        SkipOnWindows();
        using var folder = new TempFolder();
        var config = WriteConfig(folder, "max_duration: 30s\n    max_requests: 24");

        var run = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", folder.File("results"), "--allow-commands");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("latency: starting the model server and waiting until it is ready (up to 1 min; log: server.log)", run.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"latency: server ready after \d+\.\d s", run.Stderr);
        var log = await File.ReadAllTextAsync(folder.File("results/server.log"), TestContext.Current.CancellationToken);
        Assert.Contains("cigate sim listening on http://127.0.0.1:", log, StringComparison.Ordinal);
        var perf = ResultsFolder.OnlySuite(ResultsFolder.ReadResults(folder.File("results"))).GetProperty("details");
        var environment = perf.GetProperty("environment");
        Assert.Equal("cigate-sim", environment.GetProperty("server_kind").GetString());
        Assert.True(environment.GetProperty("server_started").GetBoolean());
        Assert.Equal("cigate-sim", Assert.Single(environment.GetProperty("served_models").EnumerateArray()).GetString());
        Assert.True(ResultsFolder.CountLines(folder.File("results/samples.jsonl")) > 0, "no samples");
        Assert.True(perf.GetProperty("load_points")[0].GetProperty("samples").TryGetProperty("vllm:num_requests_running", out _));
        Assert.True(await GoneAsync(ServerPid(folder)), "the server outlived the run");
    }

    [Fact]
    public async Task Sigterm_to_cigate_stops_the_server_it_started()
    {
        SkipOnWindows();
        using var folder = new TempFolder();
        var config = WriteConfig(folder, "max_duration: 60s\n    max_requests: 100000");
        using var cigate = CigateProcess.Start(folder.Path, "run", config, "--out", folder.File("results"), "--quiet", "--allow-commands");

        // Wait until the server is up and the sweep has begun, then signal cigate alone (not its group).
        await WaitForLogAsync(folder.File("results/server.log"), "listening on");
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Equal(0, Kill(cigate.Pid, 15));
        var result = await cigate.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cancelled", result.Stderr, StringComparison.Ordinal);
        Assert.True(await GoneAsync(ServerPid(folder)), "the server outlived cigate");
    }

    [Fact]
    public async Task Sigkill_to_cigate_still_stops_the_server_it_started()
    {
        // arrange: SIGKILL runs no handler in cigate; the server's watchdog sees its stdin close
        SkipOnWindows();
        using var folder = new TempFolder();
        var config = WriteConfig(folder, "max_duration: 60s\n    max_requests: 100000");
        using var cigate = CigateProcess.Start(folder.Path, "run", config, "--out", folder.File("results"), "--quiet", "--allow-commands");
        await WaitForLogAsync(folder.File("results/server.log"), "listening on");

        // act
        Assert.Equal(0, Kill(cigate.Pid, 9));
        await cigate.WaitAsync(TimeSpan.FromSeconds(30));

        // assert
        Assert.True(await GoneAsync(ServerPid(folder)), "the server outlived a SIGKILLed cigate");
        Assert.Contains("cigate went away", await File.ReadAllTextAsync(folder.File("results/server.log"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static string WriteConfig(TempFolder folder, string limits)
    {
        var port = FreePort();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return folder.Write("cigate.yml", $"""
            version: 1
            targets:
              local:
                base_url: http://127.0.0.1:{port}/v1
                model: cigate-sim
                timeout: 10s
            suites:
              latency:
                kind: perf
                targets: [local]
                workload: {"{"} prompt_tokens: 16, output_tokens: 16, tokenizer: server {"}"}
                profile: concurrent
                concurrency: 4
                {limits}
                sample_interval: 200ms
                server:
                  command: echo $$ > "{folder.File("sim.pid")}"; exec "{dotnet}" "{CigateProcess.ToolPath}" sim --port {port} --ttft-ms 20 --itl-ms 5
                  ready: {"{"} timeout: 60s, interval: 200ms {"}"}
                  stop_timeout: 10s
            """);
    }

    private static int ServerPid(TempFolder folder) => int.Parse(File.ReadAllText(folder.File("sim.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task WaitForLogAsync(string path, string text)
    {
        for (var i = 0; i < 600; i++)
        {
            if (File.Exists(path) && (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"'{text}' never appeared in {path}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Alive(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 200 && Alive(pid); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return !Alive(pid);
    }

    private static void SkipOnWindows()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("process groups, /bin/sh and /proc are Linux here");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
