using System.Globalization;
using System.Text;
using CiGate.Core.Diagnostics;
using CiGate.Core.Gating;
using CiGate.GitHub.Api;
using CiGate.GitHub.Context;
using CiGate.GitHub.Reports;

namespace CiGate.GitHub.Publishing;

/// <summary>
/// `cigate github publish`: job summary and workflow commands always; then, when a token may be
/// used, the sticky PR comment and the check run (or a commit status). Returns the gate's exit
/// code; a failed publish throws a CIGATE diagnostic with exit 3.
/// </summary>
public sealed class GitHubPublisher(GitHubContext context, Func<string, string?> environment, TextWriter stdout, TextWriter stderr, RateLimitRetry? retry = null)
{
    public const string PullRequestTarget = "pull_request_target";

    private readonly RateLimitRetry _retry = retry ?? new RateLimitRetry(stderr);

    public async Task<int> PublishAsync(PublishOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (context.EventName == PullRequestTarget && !options.AllowPullRequestTarget)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.GitHubPullRequestTarget,
                "refusing to publish from a 'pull_request_target' event: it runs with a write token and the base repository's secrets, "
                + "so evaluating the pull request's head code there lets a fork steal them; use 'pull_request' "
                + "(or pass --allow-pull-request-target if this job never runs the PR's code)"), ExitCodes.UsageOrConfig);
        }

        var bundle = await ReportBundle.LoadAsync(options.ReportsFolder, ct);
        await WriteStepSummaryAsync(bundle.Summary, ct);
        string RepositoryPath(string? file) => Annotations.RepositoryPath(file ?? bundle.ConfigPath, context.Workspace);
        foreach (var line in WorkflowCommands.ForSuites(bundle.Gate.Suites).Concat(WorkflowCommands.ForDefinitionChanges(bundle.Gate.Suites, RepositoryPath)))
        {
            await stdout.WriteLineAsync(line);
        }

        var token = environment(options.TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            await stderr.WriteLineAsync($"cigate: not posting to GitHub: ${options.TokenVariable} is empty (pass the token as `env: {options.TokenVariable}: ${{{{ github.token }}}}`); the job summary is written");
            return bundle.Gate.ExitCode;
        }

        if (context.PullRequest is { IsFork: true } fork)
        {
            await stderr.WriteLineAsync($"cigate: not posting to GitHub: pull request #{fork.Number} comes from the fork '{fork.HeadRepository ?? "(deleted)"}', whose token is read-only; the job summary is written");
            return bundle.Gate.ExitCode;
        }

        var (owner, name) = context.SplitRepository();
        var api = new ApiCaller(GitHubClientFactory.Create(context.ApiUrl, token), _retry);
        if (context.PullRequest is { Number: > 0 } pr)
        {
            var comment = await StickyComment.UpsertAsync(api, owner, name, pr.Number, options.Marker, bundle.Comment, ct);
            await stderr.WriteLineAsync($"cigate: {(comment.Updated ? "updated" : "created")} the comment on pull request #{pr.Number}{(comment.HtmlUrl is null ? "" : $": {comment.HtmlUrl}")}");
        }
        else
        {
            await stderr.WriteLineAsync($"cigate: no pull request in the '{context.EventName ?? "unknown"}' event; no comment");
        }

        if (context.HeadSha is not { } sha)
        {
            await stderr.WriteLineAsync("cigate: no commit to attach a check to (GITHUB_SHA is not set); no check run");
            return bundle.Gate.ExitCode;
        }

        var request = new CheckRequest(
            owner,
            name,
            sha,
            options.CheckName,
            // Verdict none (no base, none required) is neither a pass nor a failure: a neutral check, as a warning gets.
            bundle.Gate.NoBase is not null && !bundle.Gate.BaseRequired ? Verdict.Warn : bundle.Gate.Overall,
            Title(bundle.Gate),
            bundle.Summary,
            [.. Annotations.ForSuites(bundle.Gate.Suites, Annotations.RepositoryPath(bundle.ConfigPath, context.Workspace)), .. Annotations.ForDefinitionChanges(bundle.Gate.Suites, RepositoryPath)],
            context.RunUrl);
        var check = await CheckRunPublisher.PublishAsync(api, request, stderr, ct);
        await stderr.WriteLineAsync(check.UsedCommitStatus
            ? $"cigate: posted commit status '{options.CheckName}' on {sha}"
            : string.Create(CultureInfo.InvariantCulture, $"cigate: posted check run '{options.CheckName}' on {sha} (annotations: {request.Annotations.Count}, API calls: {check.Calls})"));
        return bundle.Gate.ExitCode;
    }

    /// <summary>e.g. "fail: 1 of 3 suites failed, 1 warned".</summary>
    public static string Title(GateOutcome gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var parts = new[] { (Verdict.Fail, "failed"), (Verdict.Inconclusive, "inconclusive"), (Verdict.Warn, "warned") }
            .Select(x => (Count: gate.Suites.Count(s => s.Verdict == x.Item1), Word: x.Item2))
            .Where(x => x.Count > 0)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Count} {x.Word}"))
            .ToList();
        var suites = string.Create(CultureInfo.InvariantCulture, $"{gate.Suites.Count} suite{(gate.Suites.Count == 1 ? "" : "s")}");
        if (gate.NoBase is { } why)
        {
            return $"{(gate.BaseRequired ? "inconclusive" : "none")}: no base results ({why})";
        }

        return $"{Verdicts.Name(gate.Overall)}: {suites}{(parts.Count == 0 ? " passed" : ", " + string.Join(", ", parts))}";
    }

    /// <summary>Appends: other steps of the job write to the same file.</summary>
    private async Task WriteStepSummaryAsync(string summary, CancellationToken ct)
    {
        if (context.StepSummaryPath is not { } path)
        {
            return;
        }

        try
        {
            await File.AppendAllTextAsync(path, summary.EndsWith('\n') ? summary : summary + "\n", new UTF8Encoding(false), ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.GitHubContext, $"cannot append to GITHUB_STEP_SUMMARY: {ex.Message}", path), ExitCodes.Infrastructure);
        }
    }
}
