using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace CiGate.EndToEnd.Tests.Support;

/// <summary>
/// The real tool as a child process: `dotnet cigate.dll ...` from beside the test assembly, with
/// stdout and stderr captured. Disposing kills the whole tree, so no test leaves a process behind.
/// </summary>
internal sealed class CigateProcess : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly Channel<string> stdoutLines = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CigateProcess(Process process)
    {
        this.process = process;
    }

    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "cigate.dll");

    public bool HasExited => process.HasExited;

    public int Pid => process.Id;

    public static CigateProcess Start(string workingDirectory, params string[] args) => StartWith(workingDirectory, null, args);

    /// <param name="environment">Variables to set (a null value removes one) on top of the test's own environment.</param>
    public static CigateProcess StartWith(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        Assert.True(File.Exists(ToolPath), $"cigate.dll is not beside the test assembly ({ToolPath}); the project reference should copy it");
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Plain diagnostics: no GitHub annotations, no debug stack traces, whatever the test runner's environment.
        info.Environment.Remove("GITHUB_ACTIONS");
        info.Environment.Remove("CIGATE_DEBUG");
        info.Environment.Remove("CIGATE_COLOR"); // plain text: the tests read lines, not escape sequences
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var wrapper = new CigateProcess(process);
        process.OutputDataReceived += (_, e) => wrapper.OnLine(e.Data, wrapper.stdout, wrapper.stdoutClosed, wrapper.stdoutLines);
        process.ErrorDataReceived += (_, e) => wrapper.OnLine(e.Data, wrapper.stderr, wrapper.stderrClosed, null);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Starts the tool, waits for it to exit (killing it after <paramref name="timeout"/>) and returns what it printed.</summary>
    public static async Task<ProcessResult> RunAsync(string workingDirectory, TimeSpan? timeout, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return await process.WaitAsync(timeout ?? DefaultTimeout);
    }

    /// <summary><see cref="RunAsync(string, TimeSpan?, string[])"/> with extra environment variables.</summary>
    public static async Task<ProcessResult> RunWithAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = StartWith(workingDirectory, environment, args);
        return await process.WaitAsync(DefaultTimeout);
    }

    public async Task<ProcessResult> WaitAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(stdoutClosed.Task, stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Kill();
            Assert.Fail($"cigate did not exit within {timeout.TotalSeconds:0} s; killed it. {Snapshot(-1)}");
        }

        return Snapshot(process.ExitCode);
    }

    /// <summary>The next stdout line, or null if the process closed stdout first.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            return await stdoutLines.Reader.WaitToReadAsync(cancel.Token) && stdoutLines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"cigate printed no line within {timeout.TotalSeconds:0} s. {Snapshot(-1)}");
            return null;
        }
    }

    /// <summary>SIGKILL for the whole tree: no chance to flush, clean up or write a final status.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public ProcessResult Snapshot(int exitCode)
    {
        lock (stdout)
        {
            lock (stderr)
            {
                return new ProcessResult(exitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    private static string DotnetHost()
    {
        // `dotnet test` and MSBuild tell child processes which host started them; otherwise use the one
        // that runs this test (its runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/).
        var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtime is null ? null : Directory.GetParent(runtime)?.Parent?.Parent?.FullName;
        return root is not null && File.Exists(Path.Combine(root, name)) ? Path.Combine(root, name) : name;
    }

    private void OnLine(string? line, StringBuilder into, TaskCompletionSource closed, Channel<string>? lines)
    {
        if (line is null)
        {
            closed.TrySetResult();
            lines?.Writer.TryComplete();
            return;
        }

        lock (into)
        {
            into.Append(line).Append('\n');
        }

        lines?.Writer.TryWrite(line);
    }
}
