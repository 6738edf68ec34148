using CiGate.Core.Diagnostics;
using CiGate.GitHub.Api;
using Octokit;

namespace CiGate.GitHub.Artifacts;

/// <summary>
/// Downloads and extracts workflow artifacts. `cigate github download-base`: the base branch's
/// results, uploaded by an earlier run on that commit (the newest unexpired artifact of that name
/// whose run built the SHA). `cigate github download-history`: the newest history store.
/// </summary>
public static class ArtifactDownloader
{
    public const string Permission = "actions: read";

    private const int PageSize = 100;

    /// <summary>Bounds the listing: a repository keeps artifacts 90 days at most.</summary>
    private const int MaxPages = 50;

    public static async Task<DownloadedArtifact> DownloadAsync(ApiCaller api, string owner, string repo, string artifactName, string sha, string folder, CancellationToken ct)
    {
        var (newest, seen) = await FindNewestAsync(api, owner, repo, artifactName, a => string.Equals(a.WorkflowRun?.HeadSha, sha, StringComparison.OrdinalIgnoreCase), ct);
        if (newest is null)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.GitHubArtifactNotFound,
                $"no artifact named '{artifactName}' from a run on commit {sha} ({seen} artifact(s) with that name, none unexpired for that commit); run the workflow on the base branch first"), ExitCodes.Infrastructure);
        }

        return await ExtractAsync(api, owner, repo, newest, folder, ct);
    }

    /// <summary>
    /// The newest unexpired artifact of a name, from any run, branch or tag (the history store's
    /// artifact). Null only when the repository has none of that name: a failed call throws, so a
    /// caller never mistakes an API outage for an empty history.
    /// </summary>
    public static async Task<DownloadedArtifact?> TryDownloadNewestAsync(ApiCaller api, string owner, string repo, string artifactName, string folder, CancellationToken ct)
    {
        var (newest, _) = await FindNewestAsync(api, owner, repo, artifactName, _ => true, ct);
        return newest is null ? null : await ExtractAsync(api, owner, repo, newest, folder, ct);
    }

    private static async Task<(Artifact? Newest, int Seen)> FindNewestAsync(ApiCaller api, string owner, string repo, string artifactName, Func<Artifact, bool> accept, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        var candidates = new List<Artifact>();
        var seen = 0;
        for (var page = 1; page <= MaxPages; page++)
        {
            var request = new ListArtifactsRequest { Name = artifactName, PerPage = PageSize, Page = page };
            var response = await api.CallAsync($"listing the artifacts named '{artifactName}'", Permission, c => c.Actions.Artifacts.ListArtifacts(owner, repo, request), ct);
            var artifacts = response.Artifacts ?? [];
            seen += artifacts.Count;
            candidates.AddRange(artifacts.Where(a => a.Name == artifactName && !a.Expired && accept(a)));
            if (artifacts.Count < PageSize || seen >= response.TotalCount)
            {
                break;
            }
        }

        return (candidates.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).FirstOrDefault(), seen);
    }

    private static async Task<DownloadedArtifact> ExtractAsync(ApiCaller api, string owner, string repo, Artifact artifact, string folder, CancellationToken ct)
    {
        var stream = await api.CallAsync($"downloading artifact '{artifact.Name}' ({artifact.Id})", Permission, c => c.Actions.Artifacts.DownloadArtifact(owner, repo, artifact.Id, "zip"), ct);
        await using (stream)
        {
            // ZipArchive needs to seek; the HTTP stream cannot. A temporary file, not memory: results artifacts can be large.
            await using var buffer = new FileStream(Path.GetTempFileName(), System.IO.FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await stream.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            var files = await SafeZip.ExtractAsync(buffer, folder, ct);
            return new DownloadedArtifact(artifact.Id, artifact.Name, artifact.WorkflowRun?.HeadSha ?? "", artifact.CreatedAt, files, Path.GetFullPath(folder));
        }
    }
}
