namespace CiGate.Core.Targets.Http;

/// <summary>One attempt: send, read, classify, map.</summary>
internal sealed partial class HttpTargetClient
{
    private async Task<(AttemptOutcome Outcome, (HttpReply Mapped, string Raw)? Reply)> AttemptAsync(HttpRenderedRequest rendered, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            if (Config.Timeout > TimeSpan.Zero)
            {
                attemptCts.CancelAfter(Config.Timeout);
            }

            using var message = rendered.ToMessage(secrets.Headers, settings.Stream);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token);
            int status = (int)response.StatusCode;
            if (status is < 200 or >= 300)
            {
                var body = await response.Content.ReadAsByteArrayAsync(attemptCts.Token);
                string serverMessage = ErrorText.FromBody(body, secrets);
                if (status is 408 or 429 or >= 500)
                {
                    var retryAfter = RetryDelay.ReadRetryAfter(Header(response, "retry-after-ms"), Header(response, "Retry-After"));
                    return (AttemptOutcome.Failed(AttemptFailure.RetryableStatus, status, serverMessage, retryAfter), null);
                }

                return (AttemptOutcome.Failed(AttemptFailure.Rejected, status, serverMessage), null);
            }

            var (events, raw, problem) = await HttpReplyReader.ReadAsync(response.Content, settings.Stream, secrets, attemptCts.Token);
            if (events is null)
            {
                return (AttemptOutcome.Failed(AttemptFailure.BadResponse, status, Clean(problem)), null);
            }

            if (!HttpReplyMapper.TryMap(events, settings.Response, out var reply, out problem))
            {
                return (AttemptOutcome.Failed(AttemptFailure.BadResponse, status, Clean(problem)), null);
            }

            return (AttemptOutcome.Success(default), (reply!, raw));
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The caller's cancellation is never a timeout or a transport failure.
            ct.ThrowIfCancellationRequested();
            throw;
        }
        catch (Exception e) when (TransportErrors.IsTimeout(e))
        {
            return (AttemptOutcome.Failed(AttemptFailure.Timeout, null, TimeoutText(), error: e), null);
        }
        catch (Exception e) when (TransportErrors.TryClassify(e, out var failure, out var detail))
        {
            return (AttemptOutcome.Failed(failure, null, Clean(detail), error: e), null);
        }
        finally
        {
            // Released before any backoff sleep: a retrying item must not hold a slot a fresh item could use.
            gate.Release();
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
