using System.Globalization;
using System.Net;
using Octokit;

namespace CiGate.GitHub.Api;

/// <summary>
/// Retries a GitHub call that failed for a reason that passes: a rate limit (a 403 or 429 with
/// x-ratelimit-remaining 0: wait until x-ratelimit-reset; or with retry-after: secondary limits)
/// or a transient failure (a 5xx answer, a refused or dropped connection, a timeout: exponential
/// backoff with jitter, or retry-after when the answer has one). Bounded: at most
/// <see cref="MaxAttempts"/> tries and <see cref="MaxWait"/> per wait, so a job never hangs on
/// it. Anything else (401, a plain 403, 404, 422...) is rethrown at once.
/// </summary>
public sealed class RateLimitRetry(TextWriter log, Func<TimeSpan, CancellationToken, Task>? delay = null, TimeProvider? time = null, Random? jitter = null)
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>The first backoff after a transient failure; each later one doubles (before jitter).</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(2);

    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Random _jitter = jitter ?? Random.Shared;

    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return await call();
            }
            catch (ApiException ex) when (attempt < MaxAttempts && WaitFor(ex, _time.GetUtcNow()) is { } wait)
            {
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"cigate: GitHub rate limit ({(int)ex.StatusCode}: {ex.Message}); retrying in {wait.TotalSeconds:0.#} s (try {attempt + 1} of {MaxAttempts})"));
                await _delay(wait, ct);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsTransient(ex, ct))
            {
                var wait = RetryAfter(ex) ?? Backoff(attempt, _jitter.NextDouble());
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"cigate: GitHub call failed ({Describe(ex)}); retrying in {wait.TotalSeconds:0.#} s (try {attempt + 1} of {MaxAttempts})"));
                await _delay(wait, ct);
            }
        }
    }

    public Task RunAsync(Func<Task> call, CancellationToken ct) =>
        RunAsync(async () =>
        {
            await call();
            return true;
        }, ct);

    /// <summary>How long to wait before retrying a rate-limited call, or null when the error is not a rate limit.</summary>
    public static TimeSpan? WaitFor(ApiException ex, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        if (RetryAfter(ex) is { } retryAfter)
        {
            return retryAfter;
        }

        if (Header(ex.HttpResponse?.Headers, "x-ratelimit-remaining") == "0")
        {
            var reset = Header(ex.HttpResponse?.Headers, "x-ratelimit-reset") is { } value && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
                ? DateTimeOffset.FromUnixTimeSeconds(epoch) - now
                : MaxWait;

            // The reset second itself may still be limited: wait past it.
            return Clamp(reset + TimeSpan.FromSeconds(1));
        }

        // GitHub's advice for a secondary limit without headers: wait at least a minute.
        return ex is SecondaryRateLimitExceededException || ex.StatusCode == HttpStatusCode.TooManyRequests ? MaxWait : null;
    }

    public static bool IsRateLimit(ApiException ex) => WaitFor(ex, DateTimeOffset.UtcNow) is not null;

    /// <summary>
    /// A failure worth another try: GitHub answered 5xx, or the request never got an answer
    /// (connection refused or reset, a timeout that is not the caller's own cancellation).
    /// </summary>
    public static bool IsTransient(Exception ex, CancellationToken ct) => ex switch
    {
        ApiException api => (int)api.StatusCode >= 500,
        HttpRequestException => true,
        TaskCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };

    /// <summary>
    /// The wait before try <paramref name="attempt"/> + 1 after a transient failure: 2 s, 4 s, 8 s...
    /// capped at <see cref="MaxWait"/>, each scaled by a factor from 0.5 to 1 (from
    /// <paramref name="random"/>, in [0, 1)) so that jobs failing together do not retry together.
    /// </summary>
    public static TimeSpan Backoff(int attempt, double random)
    {
        var exponential = FirstBackoff * Math.Pow(2, Math.Clamp(attempt - 1, 0, 16));
        var capped = exponential > MaxWait ? MaxWait : exponential;
        return capped * (0.5 + (Math.Clamp(random, 0, 1) / 2));
    }

    private static TimeSpan? RetryAfter(Exception ex) =>
        ex is ApiException api && Header(api.HttpResponse?.Headers, "retry-after") is { } value && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? Clamp(TimeSpan.FromSeconds(seconds))
            : null;

    private static string Describe(Exception ex) => ex switch
    {
        ApiException api => string.Create(CultureInfo.InvariantCulture, $"{(int)api.StatusCode} {api.StatusCode}"),
        TaskCanceledException => "no answer in time",
        _ => ex.Message.ReplaceLineEndings(" "),
    };

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > MaxWait ? MaxWait : wait;

    private static string? Header(IReadOnlyDictionary<string, string>? headers, string name) =>
        headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.Trim();
}
