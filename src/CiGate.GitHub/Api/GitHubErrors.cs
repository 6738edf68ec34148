using System.Net;
using CiGate.Core.Diagnostics;
using Octokit;

namespace CiGate.GitHub.Api;

/// <summary>
/// Turns a failed GitHub call (after <see cref="RateLimitRetry"/>'s tries) into one CIGATE line (exit 3). 401/403/404 name the workflow
/// permission the step needs, since a missing `permissions:` entry is the usual cause.
/// </summary>
public static class GitHubErrors
{
    public static CiGateException Translate(Exception ex, string action, string permission)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var diagnostic = ex switch
        {
            ApiException api when RateLimitRetry.IsRateLimit(api) => new Diagnostic(
                DiagnosticCodes.GitHubRateLimited,
                $"{action}: GitHub's rate limit is still exhausted after {RateLimitRetry.MaxAttempts} tries ({Describe(api)}); run the job again later"),
            ApiException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound } api => new Diagnostic(
                DiagnosticCodes.GitHubPermission,
                $"{action}: GitHub answered {Describe(api)}; the token needs the '{permission}' permission (add it under `permissions:` in the workflow job) and must be valid for this repository"),
            ApiException api when (int)api.StatusCode >= 500 => new Diagnostic(
                DiagnosticCodes.GitHubRequestFailed,
                $"{action}: GitHub answered {Describe(api)} {RateLimitRetry.MaxAttempts} times in a row; GitHub may be having an outage: run the job again later"),
            ApiException api => new Diagnostic(DiagnosticCodes.GitHubRequestFailed, $"{action}: GitHub answered {Describe(api)}"),
            HttpRequestException http => new Diagnostic(DiagnosticCodes.GitHubRequestFailed, $"{action}: cannot reach GitHub after {RateLimitRetry.MaxAttempts} tries: {http.Message}"),
            TaskCanceledException => new Diagnostic(DiagnosticCodes.GitHubRequestFailed, $"{action}: GitHub did not answer in time, {RateLimitRetry.MaxAttempts} tries"),
            _ => new Diagnostic(DiagnosticCodes.GitHubRequestFailed, $"{action}: {ex.GetType().Name}: {ex.Message}"),
        };
        return new CiGateException(diagnostic with { Message = diagnostic.Message.ReplaceLineEndings(" ") }, ExitCodes.Infrastructure);
    }

    private static string Describe(ApiException api)
    {
        var status = (int)api.StatusCode;
        var message = api.ApiError?.Message ?? api.Message;
        return string.IsNullOrWhiteSpace(message) ? $"{status} {api.StatusCode}" : $"{status} {api.StatusCode} ({message.Trim()})";
    }
}
