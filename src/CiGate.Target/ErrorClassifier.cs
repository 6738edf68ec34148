namespace CiGate.Target;

/// <summary>Turns a handler's exception into an error reply's message and retryable flag.</summary>
internal static class ErrorClassifier
{
    private const int MaxMessageLength = 2000;

    /// <summary>
    /// Retryable: <see cref="CiGateTargetException"/> as it says; transport trouble (HTTP, I/O,
    /// timeouts, a cancellation the app did not ask for); a reply that is not JSON
    /// (<see cref="System.Text.Json.JsonException"/>); an exception carrying an HTTP status of 408,
    /// 429 or 5xx (as the OpenAI SDK's ClientResultException does, read by its <c>Status</c>
    /// property). Anything else is the app's or the request's fault and is not retried.
    /// </summary>
    public static bool IsRetryable(Exception e, CancellationToken serving)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case CiGateTargetException target:
                    return target.Retryable;
                case HttpRequestException or TimeoutException or IOException:
                    return true;
                case System.Text.Json.JsonException:
                    // A service the app called sent JSON cut off or malformed (the OpenAI SDK throws the
                    // reader's exception): a fault of the reply, retried as cigate retries a malformed
                    // model response. An app bug that throws it every time fails after the retries.
                    return true;
                case OperationCanceledException when !serving.IsCancellationRequested:
                    return true;
                case OperationCanceledException:
                    return false;
            }

            if (current.GetType().GetProperty("Status")?.GetValue(current) is int status)
            {
                return status is 408 or 429 or >= 500;
            }
        }

        return false;
    }

    /// <summary>The exception's type and first line, at most 2,000 characters.</summary>
    public static string Describe(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ").Trim();
        var text = e is CiGateTargetException ? message : $"{e.GetType().Name}: {message}";
        return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
    }
}
