using System.ClientModel.Primitives;
using System.Globalization;

namespace CiGate.Core.Targets;

/// <summary>Backoff between attempts: capped exponential with full jitter, stretched to honour Retry-After.</summary>
internal static class RetryDelay
{
    /// <param name="attempt">The attempt that just failed, 1-based.</param>
    public static TimeSpan Compute(RetryPolicy policy, int attempt, TimeSpan? retryAfter)
    {
        double capMs = Math.Max(0, policy.MaxDelay.TotalMilliseconds);
        double exponentialMs = Math.Max(0, policy.InitialDelay.TotalMilliseconds) * Math.Pow(2, Math.Min(attempt - 1, 30));

        // Full jitter (uniform in [0, ceiling]) spreads 64 concurrent retries instead of synchronising them.
        double delayMs = Random.Shared.NextDouble() * Math.Min(exponentialMs, capMs);
        if (retryAfter is { } hint && hint.TotalMilliseconds > delayMs)
        {
            delayMs = Math.Min(hint.TotalMilliseconds, capMs);
        }

        return TimeSpan.FromMilliseconds(delayMs);
    }

    /// <summary>Reads <c>retry-after-ms</c> (OpenAI, vLLM) or <c>Retry-After</c> as seconds or an HTTP date.</summary>
    public static TimeSpan? ReadRetryAfter(PipelineResponseHeaders headers) =>
        ReadRetryAfter(
            headers.TryGetValue("retry-after-ms", out string? ms) ? ms : null,
            headers.TryGetValue("Retry-After", out string? value) ? value : null);

    /// <summary>The same, from the two header values as received (null when absent).</summary>
    public static TimeSpan? ReadRetryAfter(string? retryAfterMs, string? retryAfter)
    {
        if (double.TryParse(retryAfterMs, NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds)
            && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (string.IsNullOrWhiteSpace(retryAfter))
        {
            return null;
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(retryAfter.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            TimeSpan wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
