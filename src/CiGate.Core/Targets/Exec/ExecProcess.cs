using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CiGate.Core.Targets.Exec;

/// <summary>
/// One running app of a <c>mode: server</c> exec target: the hello, then request lines on stdin
/// and replies on stdout matched by id, many in flight, in any order. Lines that are not protocol
/// objects go to the log, as does stderr. When stdout ends (the app exited or crashed), every request
/// in flight fails with <see cref="ExecCrashException"/> and the process is <see cref="IsAlive"/> no more.
/// </summary>
internal sealed class ExecProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ExecLog log;
    private readonly TimeSpan stopTimeout;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ExecReply>> pending =
        new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<ExecReply> hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213", Justification = "See DisposeAsync.")]
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly Stream stdin;
    private readonly Task stdoutPump;
    private readonly Task stderrPump;
    private volatile string? deathReason;
    private int stopped;

    private ExecProcess(Process process, ExecLog log, TimeSpan stopTimeout)
    {
        this.process = process;
        this.log = log;
        this.stopTimeout = stopTimeout;
        stdin = process.StandardInput.BaseStream;
        stdoutPump = Task.Run(ReadStdoutAsync);
        stderrPump = Task.Run(ReadStderrAsync);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public bool IsAlive => deathReason is null;

    /// <summary>What the app said it is in its hello (<c>app/version</c>), or null.</summary>
    public string? Served { get; private set; }

    public int Id => process.Id;

    /// <summary>Starts the app and waits for its hello.</summary>
    /// <exception cref="ExecStartException">
    /// It could not start, exited first, spoke another protocol or was too slow.
    /// </exception>
    public static async Task<ExecProcess> StartAsync(
        ExecSpec spec, IReadOnlyDictionary<string, string> environment, ExecLog log, CancellationToken ct)
    {
        log.Note($"starting {string.Join(' ', spec.Command)} in {spec.WorkingDirectory}");
        var app = new ExecProcess(ExecLauncher.Start(spec, environment), log, spec.StopTimeout);
        try
        {
            await app.WriteAsync(ExecProtocol.Hello(), ct);
            var reply = await app.hello.Task.WaitAsync(spec.StartupTimeout, ct);
            if (reply.Protocol != ExecProtocol.Version)
            {
                throw new ExecStartException(
                    $"the app answered hello with protocol '{reply.Protocol}'; cigate speaks '{ExecProtocol.Version}'");
            }

            app.Served = reply.App is null ? null : reply.Version is null ? reply.App : $"{reply.App}/{reply.Version}";
            var pid = app.Id.ToString(CultureInfo.InvariantCulture);
            log.Note($"ready: pid {pid}{(app.Served is null ? "" : $", {app.Served}")}");
            return app;
        }
        catch (TimeoutException)
        {
            await app.DisposeAsync();
            var seconds = spec.StartupTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new ExecStartException($"no hello within {seconds} s (startup_timeout)");
        }
        catch (ExecCrashException)
        {
            await app.DisposeAsync();
            throw new ExecStartException($"the app exited before its hello ({app.deathReason}){app.LastLines()}");
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one request line and waits for the reply with its id.</summary>
    /// <exception cref="ExecCrashException">The app exited before replying (or could not be written to).</exception>
    public async Task<ExecReply> SendAsync(string id, byte[] line, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<ExecReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        try
        {
            // Checked after registering: the stdout pump fails what it finds pending once it marks the death.
            if (deathReason is { } reason)
            {
                throw new ExecCrashException(reason);
            }

            await WriteAsync(line, ct);
            return await reply.Task.WaitAsync(ct);
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    /// <summary>Closes stdin (the app's cue to exit), waits the stop timeout, then stops the process group.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            stdin.Close();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The app is gone already.
        }

        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(stopTimeout, CancellationToken.None)
            .ContinueWith(_ => { }, TaskScheduler.Default);
        if (!ExecLauncher.HasExited(process))
        {
            var grace = stopTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            log.Note($"the app did not exit within {grace} s of stdin closing; stopping its process group");
        }

        await ExecLauncher.StopAsync(process, stopTimeout);
        await Task.WhenAll(stdoutPump, stderrPump).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None)
            .ContinueWith(_ => { }, TaskScheduler.Default);
        // writeLock is not disposed: a request that took this process before it died may still be
        // about to write, and must fail as a crash (retried), not with ObjectDisposedException.
        process.Dispose();
    }

    private async Task WriteAsync(byte[] line, CancellationToken ct)
    {
        await writeLock.WaitAsync(ct);
        try
        {
            // Once started, a line is written whole: a torn line would corrupt the next one.
            await stdin.WriteAsync(line, CancellationToken.None);
            await stdin.FlushAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw new ExecCrashException(deathReason ?? $"could not write to the app's stdin: {ex.Message}");
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task ReadStdoutAsync()
    {
        var reader = process.StandardOutput;
        while (await reader.ReadLineAsync() is { } line)
        {
            var reply = ExecProtocol.Parse(line);
            switch (reply.Kind)
            {
                case ExecReplyKind.Hello:
                    hello.TrySetResult(reply);
                    break;
                case ExecReplyKind.Response or ExecReplyKind.Error
                    when reply.Id is not null && pending.TryRemove(reply.Id, out var waiter):
                    waiter.TrySetResult(reply);
                    break;
                case ExecReplyKind.Response or ExecReplyKind.Error:
                    var kind = reply.Kind.ToString().ToLowerInvariant();
                    log.Note($"a {kind} for id '{reply.Id}', which is not in flight (timed out?), ignored");
                    break;
                default:
                    log.Line(line, "stdout: ");
                    break;
            }
        }

        await process.WaitForExitAsync(CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None)
            .ContinueWith(_ => { }, TaskScheduler.Default);
        var code = ExecLauncher.HasExited(process)
            ? FormattableString.Invariant($"exit code {process.ExitCode}")
            : "stdout closed";
        deathReason = FormattableString.Invariant($"the app exited ({code}) with {pending.Count} request(s) in flight");
        if (Volatile.Read(ref stopped) == 0)
        {
            log.Note(deathReason);
        }

        var crash = new ExecCrashException(deathReason);
        hello.TrySetException(crash);
        foreach (var id in pending.Keys)
        {
            if (pending.TryRemove(id, out var waiter))
            {
                waiter.TrySetException(crash);
            }
        }
    }

    private async Task ReadStderrAsync()
    {
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            log.Line(line);
        }
    }

    private string LastLines()
    {
        var tail = Processes.LogTail.Read(log.Path, 3);
        return tail.Count == 0 ? "" : "; log " + log.Path + ", last lines: " + string.Join(" | ", tail);
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            ExecLauncher.KillNow(process);
        }
    }
}
