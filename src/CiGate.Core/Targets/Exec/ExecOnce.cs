using System.Globalization;

namespace CiGate.Core.Targets.Exec;

/// <summary>
/// <c>mode: once</c>: a process per request. The request object is written to stdin, which is then
/// closed; stdout is the reply (a reply object, or plain text that is the output). A non-zero exit
/// is an error with stderr's last line as its message. stderr goes to the log either way.
/// </summary>
internal static class ExecOnce
{
    /// <summary>
    /// Runs the command for one request; cancelling <paramref name="ct"/> (the timeout) stops its process group.
    /// </summary>
    /// <exception cref="ExecStartException">The command could not be started.</exception>
    public static async Task<ExecReply> RunAsync(
        ExecSpec spec,
        IReadOnlyDictionary<string, string> environment,
        byte[] request,
        ExecLog log,
        CancellationToken ct)
    {
        using var process = ExecLauncher.Start(spec, environment);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(request, ct);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The command exited without reading its stdin (a script that needs no input): its output still counts.
            }

            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            await ExecLauncher.StopAsync(process, TimeSpan.FromSeconds(1));
            throw;
        }

        var errors = await stderr;
        var output = await stdout;
        var lines = errors.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        foreach (var line in lines)
        {
            log.Line(line, $"[pid {process.Id.ToString(CultureInfo.InvariantCulture)}] ");
        }

        if (process.ExitCode != 0)
        {
            var message = lines.Count > 0 ? lines[^1].Trim() : "(nothing on stderr)";
            return new ExecReply(ExecReplyKind.Error, null)
            {
                Message = $"exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {message}",
                Retryable = true,
            };
        }

        return ExecProtocol.ParseOnce(output);
    }
}
