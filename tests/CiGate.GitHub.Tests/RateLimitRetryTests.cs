using System.Globalization;
using System.Net;
using CiGate.Core.Diagnostics;
using CiGate.GitHub.Api;
using CiGate.GitHub.Tests.Support;
using Octokit;

namespace CiGate.GitHub.Tests;

public sealed class RateLimitRetryTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_limit_that_never_lifts_stops_after_five_tries_with_waits_capped_at_a_minute()
    {
        // arrange: the reset is an hour away
        var waits = new List<TimeSpan>();
        var retry = new RateLimitRetry(TextWriter.Null, (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        });
        var calls = 0;
        var reset = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        // act
        var ex = await Assert.ThrowsAsync<CiGateException>(() => new ApiCaller(null!, retry).CallAsync<int>(
            "commenting",
            "pull-requests: write",
            _ =>
            {
                calls++;
                throw new ApiException(new CannedResponse(HttpStatusCode.Forbidden, "API rate limit exceeded", ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)));
            },
            TestContext.Current.CancellationToken));

        // assert
        Assert.Equal(RateLimitRetry.MaxAttempts, calls);
        Assert.Equal(RateLimitRetry.MaxAttempts - 1, waits.Count);
        Assert.All(waits, w => Assert.Equal(RateLimitRetry.MaxWait, w));
        Assert.Equal((DiagnosticCodes.GitHubRateLimited, ExitCodes.Infrastructure), (ex.Diagnostics[0].Code, ex.ExitCode));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "retry-after", "5", 5)]
    [InlineData(HttpStatusCode.Forbidden, "retry-after", "600", 60)]
    [InlineData(HttpStatusCode.Forbidden, "x-ratelimit-remaining", "0", 60)]
    [InlineData(HttpStatusCode.TooManyRequests, "x-other", "1", 60)]
    public void Waits_as_the_headers_say_within_bounds(HttpStatusCode status, string header, string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RateLimitRetry.WaitFor(new ApiException(new CannedResponse(status, "limited", (header, value))), Now));

    [Fact]
    public void The_wait_runs_to_just_past_the_reset()
    {
        var reset = Now.AddSeconds(10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var ex = new ApiException(new CannedResponse(HttpStatusCode.Forbidden, "API rate limit exceeded", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset)));

        Assert.Equal(TimeSpan.FromSeconds(11), RateLimitRetry.WaitFor(ex, Now));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public void Other_errors_are_not_retried(HttpStatusCode status) =>
        Assert.Null(RateLimitRetry.WaitFor(new ApiException(new CannedResponse(status, "Resource not accessible by integration", ("x-ratelimit-remaining", "4000"))), Now));

    [Theory]
    [InlineData(1, 0.0, 1)]
    [InlineData(1, 0.999, 2)]
    [InlineData(2, 0.0, 2)]
    [InlineData(3, 0.999, 8)]
    [InlineData(10, 0.999, 60)]
    [InlineData(10, 0.0, 30)]
    public void Transient_backoff_doubles_with_jitter_and_is_capped(int attempt, double random, int atMostSeconds)
    {
        var wait = RateLimitRetry.Backoff(attempt, random);

        Assert.InRange(wait, TimeSpan.FromSeconds(atMostSeconds) * 0.99, TimeSpan.FromSeconds(atMostSeconds));
    }

    [Fact]
    public async Task A_503_with_retry_after_waits_that_long_then_succeeds()
    {
        // arrange
        var waits = new List<TimeSpan>();
        var retry = new RateLimitRetry(TextWriter.Null, (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        });
        var calls = 0;

        // act
        var result = await new ApiCaller(null!, retry).CallAsync(
            "listing artifacts",
            "actions: read",
            _ => ++calls == 1 ? throw new ApiException(new CannedResponse(HttpStatusCode.ServiceUnavailable, "unavailable", ("Retry-After", "7"))) : Task.FromResult(calls),
            TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(2, result);
        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
    }

    [Fact]
    public async Task A_network_failure_is_retried_but_the_callers_cancellation_is_not()
    {
        var waits = new List<TimeSpan>();
        var retry = new RateLimitRetry(TextWriter.Null, (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var refused = await Assert.ThrowsAsync<CiGateException>(() => new ApiCaller(null!, retry).CallAsync<int>("listing", "actions: read", _ => throw new HttpRequestException("Connection refused"), TestContext.Current.CancellationToken));
        var waitsAfterRefused = waits.Count;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ApiCaller(null!, retry).CallAsync<int>("listing", "actions: read", _ => throw new TaskCanceledException(), cancelled.Token));

        Assert.Equal((DiagnosticCodes.GitHubRequestFailed, RateLimitRetry.MaxAttempts - 1), (refused.Diagnostics[0].Code, waitsAfterRefused));
        Assert.Equal(waitsAfterRefused, waits.Count);
    }
}
