using CiGate.GitHub.Api;
using Octokit;

namespace CiGate.GitHub.Artifacts;

/// <summary>
/// Decides whether an artifact's workflow run may be trusted: only runs that a pull request
/// cannot start or edit. That is a run of this repository itself (its head repository is the
/// repository, never a fork) whose event is `push` to the default branch or to a tag, or
/// `schedule` / `workflow_dispatch` on the default branch. A `pull_request` run is never trusted,
/// not even from a branch of this repository: it runs the pull request's own workflow edits.
/// </summary>
internal sealed class RunTrust(ApiCaller api, string owner, string repo)
{
    private readonly Dictionary<string, bool> _tags = new(StringComparer.Ordinal);
    private string? _defaultBranch;

    /// <returns>Null when the artifact's run is trusted (and built <paramref name="sha"/>, when given); else why not.</returns>
    public async Task<string?> RefuseAsync(Artifact artifact, string? sha, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (artifact.WorkflowRun is not { } summary)
        {
            return "no workflow run is named for it";
        }

        // The listing already tells a fork's run apart; that saves a call per fork artifact.
        if (summary.HeadRepositoryId != summary.RepositoryId)
        {
            return $"run {summary.Id} built a fork's commit";
        }

        var run = await api.CallAsync($"reading workflow run {summary.Id}", ArtifactDownloader.Permission, c => c.Actions.Workflows.Runs.Get(owner, repo, summary.Id), ct);
        if (run.Repository is null || run.HeadRepository is null || run.HeadRepository.Id != run.Repository.Id
            || !string.Equals(run.Repository.FullName, $"{owner}/{repo}", StringComparison.OrdinalIgnoreCase))
        {
            return $"run {run.Id} built another repository's commit ({run.HeadRepository?.FullName ?? "unknown"})";
        }

        if (sha is not null && !string.Equals(run.HeadSha, sha, StringComparison.OrdinalIgnoreCase))
        {
            return $"run {run.Id} built {run.HeadSha}, not {sha}";
        }

        var branch = run.HeadBranch ?? "";
        var onDefault = string.Equals(branch, await DefaultBranchAsync(ct), StringComparison.Ordinal);
        var onTag = !onDefault && run.Event == "push" && await IsTagAsync(branch, ct);
        return run.Event switch
        {
            "push" when onDefault || onTag => null,
            "schedule" or "workflow_dispatch" when onDefault => null,
            "push" or "schedule" or "workflow_dispatch" => $"run {run.Id} ({run.Event}) ran on '{branch}', neither the default branch '{_defaultBranch}' nor a tag",
            _ => $"run {run.Id} was triggered by {run.Event}; only push, schedule and workflow_dispatch runs are trusted",
        };
    }

    private async Task<string> DefaultBranchAsync(CancellationToken ct) =>
        _defaultBranch ??= (await api.CallAsync($"reading {owner}/{repo}", ArtifactDownloader.Permission, c => c.Repository.Get(owner, repo), ct)).DefaultBranch ?? "";

    /// <summary>A tag push's run names the tag as its head branch; only a tag of that name makes it one.</summary>
    private async Task<bool> IsTagAsync(string name, CancellationToken ct)
    {
        if (name.Length == 0)
        {
            return false;
        }

        if (!_tags.TryGetValue(name, out var exists))
        {
            var path = string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
            var uri = new Uri($"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repo)}/git/ref/tags/{path}", UriKind.Relative);
            exists = await api.CallAsync($"looking up tag '{name}'", "contents: read", async c =>
            {
                try
                {
                    await c.Connection.Get<Reference>(uri, null);
                    return true;
                }
                catch (NotFoundException)
                {
                    return false;
                }
            }, ct);
            _tags[name] = exists;
        }

        return exists;
    }
}
