using System.Globalization;

namespace CiGate.Core.History;

/// <summary>
/// Reads a run's identity from GitHub Actions' environment (GITHUB_*, RUNNER_*) when present.
/// Command-line options override it field by field (<see cref="RunIdentity.With"/>).
/// </summary>
public static class RunIdentityResolver
{
    public static RunIdentity FromEnvironment(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        string? Get(string name) => env(name) is { Length: > 0 } value ? value.Trim() : null;

        var repository = Get("GITHUB_REPOSITORY");
        var refType = Get("GITHUB_REF_TYPE");
        var refName = Get("GITHUB_REF_NAME");
        var fullRef = Get("GITHUB_REF") ?? "";
        int? pullRequest = null;
        string? branch = null;
        string? tag = null;

        // A pull_request event's ref is refs/pull/N/merge; its branch is the head branch.
        if (fullRef.StartsWith("refs/pull/", StringComparison.Ordinal))
        {
            var number = fullRef["refs/pull/".Length..].Split('/')[0];
            pullRequest = int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            branch = Get("GITHUB_HEAD_REF");
        }
        else if (refType == "tag" || fullRef.StartsWith("refs/tags/", StringComparison.Ordinal))
        {
            tag = refName ?? fullRef["refs/tags/".Length..];
        }
        else if (refType == "branch" || fullRef.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            branch = refName ?? fullRef["refs/heads/".Length..];
        }

        var runner = Get("RUNNER_NAME") is { } name ? (Get("RUNNER_OS") is { } os ? $"{name} ({os})" : name) : null;
        var server = Get("GITHUB_SERVER_URL") ?? "https://github.com";
        var runUrl = repository is not null && Get("GITHUB_RUN_ID") is { } runId ? $"{server}/{repository}/actions/runs/{runId}" : null;
        return new RunIdentity(repository, Get("GITHUB_SHA"), branch, tag, pullRequest, runner, runUrl);
    }

    public static RunIdentity FromProcessEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);
}
