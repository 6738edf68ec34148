using System.Globalization;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Targets.Exec;

/// <summary>One attempt: through the long-lived app (server mode) or a process of its own (once mode).</summary>
internal sealed partial class ExecTargetClient
{
    private async Task<(ExecReply? Reply, string? Served, AttemptFailure Failure, string Detail)> AttemptAsync(
        ModelRequest request, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            ExecReply reply;
            string? served = null;
            if (spec.Mode == ExecMode.Once)
            {
                attemptCts.CancelAfter(Config.Timeout);
                var line = ExecProtocol.Request(request, NextId());
                reply = await ExecOnce.RunAsync(spec, environment, line, log, attemptCts.Token);
            }
            else
            {
                var app = await RunningAppAsync(ct);
                served = app.Served;
                attemptCts.CancelAfter(Config.Timeout);
                var id = NextId();
                reply = await app.SendAsync(id, ExecProtocol.Request(request, id), attemptCts.Token);
            }

            return reply.Kind switch
            {
                ExecReplyKind.Error => (
                    null,
                    null,
                    reply.Retryable ? AttemptFailure.RetryableStatus : AttemptFailure.Rejected,
                    Clean(reply.Message!)),
                _ when reply.Problem is { } problem => (null, null, AttemptFailure.BadResponse, problem),
                _ => (reply, served, AttemptFailure.None, ""),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var seconds = Config.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return (null, null, AttemptFailure.Timeout, $"no reply within {seconds} s");
        }
        catch (ExecCrashException ex)
        {
            return (null, null, AttemptFailure.Transport, Clean(ex.Message));
        }
        catch (ExecStartException ex) when (spec.Mode == ExecMode.Once)
        {
            return (null, null, AttemptFailure.Unreachable, $"{DiagnosticCodes.ExecStartFailed}: {Clean(ex.Message)}");
        }
        catch (ExecUnavailableException ex)
        {
            return (null, null, AttemptFailure.Unreachable, ex.Message);
        }
        finally
        {
            // Released before any backoff sleep: a retrying item must not hold a slot a fresh item could use.
            gate.Release();
        }
    }

    /// <summary>The running app; starts it, or restarts it after a crash (bounded, with backoff).</summary>
    /// <exception cref="ExecUnavailableException">
    /// It cannot be started, or crashed more than max_restarts times.
    /// </exception>
    private async Task<ExecProcess> RunningAppAsync(CancellationToken ct)
    {
        if (current is { IsAlive: true } app)
        {
            return app;
        }

        await startLock.WaitAsync(ct);
        try
        {
            if (current is { IsAlive: true } started)
            {
                return started;
            }

            if (fatal is not null)
            {
                throw new ExecUnavailableException(fatal);
            }

            if (current is not null)
            {
                await current.DisposeAsync();
                current = null;
                if (++restarts > spec.MaxRestarts)
                {
                    fatal = $"{DiagnosticCodes.ExecRestartsExhausted}: the app crashed {restarts} times "
                        + $"(max_restarts: {spec.MaxRestarts}); "
                        + $"the remaining requests fail; see {log.Path}";
                    log.Note(fatal);
                    throw new ExecUnavailableException(fatal);
                }

                var backoff = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, restarts - 1)));
                log.Note($"restart {restarts} of at most {spec.MaxRestarts} in {backoff.TotalMilliseconds:0} ms");
                await Task.Delay(backoff, ct);
            }

            try
            {
                current = await ExecProcess.StartAsync(spec, environment, log, ct);
                return current;
            }
            catch (ExecStartException ex)
            {
                fatal = $"{DiagnosticCodes.ExecStartFailed}: {Clean(ex.Message)}";
                log.Note(fatal);
                throw new ExecUnavailableException(fatal);
            }
        }
        finally
        {
            startLock.Release();
        }
    }

    private string Clean(string text) => ErrorText.OneLine(log.Redact(text), 300);
}
