using System.Diagnostics;
using System.Globalization;

namespace CiGate.Core.Suites.Perf.Server;

/// <summary>Polls a readiness URL until it answers 200, failing fast when the server exits first.</summary>
internal static class ReadinessProbe
{
    public static async Task WaitAsync(Process process, Uri url, ServerSpec spec, Func<string, Exception> failure, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var attempt = TimeSpan.FromSeconds(Math.Clamp(spec.ReadyInterval.TotalSeconds, 2, 10));
        var started = Stopwatch.GetTimestamp();
        var exited = process.WaitForExitAsync(CancellationToken.None);
        string last = "no answer yet";
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw failure($"the server exited with code {process.ExitCode} before it was ready");
            }

            using (var probe = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                probe.CancelAfter(attempt);
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, probe.Token);
                    if ((int)response.StatusCode == 200)
                    {
                        return;
                    }

                    last = $"HTTP {(int)response.StatusCode}";
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
                {
                    last = ex is OperationCanceledException ? "no answer within " + attempt.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : ex.Message;
                }
            }

            if (Stopwatch.GetElapsedTime(started) >= spec.ReadyTimeout)
            {
                throw failure($"the server was not ready within {DurationText(spec.ReadyTimeout)} ({url} last: {last})");
            }

            await Task.WhenAny(exited, Task.Delay(spec.ReadyInterval, ct));
        }
    }

    private static string DurationText(TimeSpan span) => span.TotalMinutes >= 1 && span.Seconds == 0
        ? span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
        : span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
