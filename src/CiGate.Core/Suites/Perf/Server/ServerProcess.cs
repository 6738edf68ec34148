using System.Diagnostics;
using System.Globalization;
using CiGate.Core.Diagnostics;
using CiGate.Core.Processes;

namespace CiGate.Core.Suites.Perf.Server;

/// <summary>
/// A running model server: started through the shell in its own process group (setsid), its
/// stdout and stderr appended to the log by the shell itself (so the log survives cigate), and
/// stopped as a group: SIGTERM, then SIGKILL after the stop timeout. Stopping is idempotent and
/// also runs when the process exits, so a run that fails or is cancelled leaves nothing behind.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ServerSpec spec;
    private readonly int group;
    private readonly bool grouped;
    private int stopped;

    private ServerProcess(Process process, ServerSpec spec, string logPath, bool grouped)
    {
        this.process = process;
        this.spec = spec;
        this.grouped = grouped;
        LogPath = logPath;
        // setsid execs the shell as the leader of a new group (it forks only when it already leads
        // one, which a child of ours never does), so the group id is the pid. Reading it from /proc
        // here could race the child's setsid() and name our own group.
        group = process.Id;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public string LogPath { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts the command (its environment filtered by <see cref="ChildEnvironment"/>) and waits until <paramref name="readyUrl"/> answers 200.</summary>
    /// <param name="secretVariables">Variables the config reads secrets from; withheld unless the server's env names them.</param>
    /// <exception cref="CiGateException">Exit 2 for a missing env variable; exit 3 when the server exits early or never gets ready.</exception>
    public static async Task<ServerProcess> StartAsync(ServerSpec spec, Uri readyUrl, string resultsFolder, IEnumerable<string> secretVariables, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(readyUrl);
        var environment = EnvironmentExpander.Expand(spec.Environment, spec.EnvironmentPlaces, Environment.GetEnvironmentVariable);
        var logPath = Path.GetFullPath(Path.Combine(resultsFolder, spec.LogFile));
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await File.AppendAllTextAsync(logPath, $"==> cigate {stamp}: starting server: {spec.Command}\n", ct);
        if (!Directory.Exists(spec.WorkingDirectory))
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.InvalidValue, $"server cwd does not exist: {spec.WorkingDirectory}"));
        }

        var (info, grouped) = ServerCommand.StartInfo(spec, logPath);
        ChildEnvironment.Withhold(info.Environment, secretVariables);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new CiGateException(new Diagnostic(DiagnosticCodes.ServerNotReady, $"could not start the server's shell ({info.FileName}): {ex.Message}"), ExitCodes.Infrastructure);
        }

        // Grouped, stdin is the watchdog's lifeline (see ServerCommand) and stays open until the stop;
        // otherwise the server gets EOF at once rather than our terminal.
        if (!grouped)
        {
            process.StandardInput.Close();
        }

        var server = new ServerProcess(process, spec, logPath, grouped);
        try
        {
            var waited = Stopwatch.StartNew();
            await ReadinessProbe.WaitAsync(process, readyUrl, spec, server.Failure, ct);
            await File.AppendAllTextAsync(logPath, $"==> cigate: ready after {waited.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({readyUrl})\n", ct);
            return server;
        }
        catch
        {
            await server.StopAsync();
            throw;
        }
    }

    /// <summary>SIGTERM to the group, SIGKILL after the stop timeout. Safe to call more than once.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (!grouped)
        {
            KillTree();
            return;
        }

        ProcessGroup.Terminate(group);
        var deadline = Stopwatch.GetTimestamp() + (long)(spec.StopTimeout.TotalSeconds * Stopwatch.Frequency);
        while (ProcessGroup.Alive(group) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        if (ProcessGroup.Alive(group))
        {
            ProcessGroup.Kill(group);
            await File.AppendAllTextAsync(LogPath, $"==> cigate: the server did not stop within {spec.StopTimeout.TotalSeconds:0.#} s of SIGTERM; sent SIGKILL\n", CancellationToken.None);
        }

        // A stop that raced the child's setsid() signalled no group; the shell itself still goes.
        if (!process.HasExited)
        {
            KillTree();
        }

        CloseLifeline();

        // Reap our own child so no zombie outlives the stop.
        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void CloseLifeline()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // Already closed, or the shell is gone: nothing is left to tell.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    private CiGateException Failure(string what)
    {
        var tail = LogTail.Read(LogPath, 5);
        var shown = tail.Count == 0 ? "the log is empty" : "last lines: " + string.Join(" | ", tail);
        return new CiGateException(new Diagnostic(DiagnosticCodes.ServerNotReady, $"{what}; log {LogPath}; {shown}"), ExitCodes.Infrastructure);
    }

    private void KillTree()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>cigate is exiting without a stop (an unhandled SIGTERM): no time to be polite.</summary>
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            if (grouped)
            {
                ProcessGroup.Kill(group);
            }
            else
            {
                KillTree();
            }
        }
    }
}
