using CiGate.Core.Diagnostics;
using CiGate.GitHub.Api;
using Octokit;

namespace CiGate.GitHub.Artifacts;

/// <summary>
/// Downloads and extracts workflow artifacts, only from runs <see cref="RunTrust"/> accepts (a push
/// to the default branch or a tag of this repository; never a pull request's run, never a
/// fork's). `cigate github download-base`: the base commit's results, the newest trusted artifact
/// of that name whose run built the SHA. `cigate github download-history`: the newest trusted
/// history store. Refused artifacts are named on <c>log</c> with the reason.
/// </summary>
public static class ArtifactDownloader
{
    public const string Permission = "actions: read";

    private const int PageSize = 100;

    /// <summary>Bounds the listing: a repository keeps artifacts 90 days at most.</summary>
    private const int MaxPages = 50;

    /// <exception cref="CiGateException">Exit <see cref="ExitCodes.NotFound"/> when no trusted artifact was built from the SHA; any other exit code for a failure.</exception>
    public static async Task<DownloadedArtifact> DownloadAsync(ApiCaller api, string owner, string repo, string artifactName, string sha, string folder, CancellationToken ct, ZipLimits? limits = null, TextWriter? log = null)
    {
        var (trusted, seen, refused) = await FindNewestTrustedAsync(api, owner, repo, artifactName, sha, log ?? TextWriter.Null, ct);
        if (trusted is null)
        {
            var why = refused > 0 ? $"{refused} from that commit refused as untrusted" : "none unexpired from that commit";
            throw new CiGateException(new Diagnostic(DiagnosticCodes.GitHubArtifactNotFound,
                $"no trusted artifact named '{artifactName}' from a run on commit {sha} ({seen} artifact(s) with that name, {why}); run the workflow on pushes to the default branch and upload it under that name"), ExitCodes.NotFound);
        }

        return await ExtractAsync(api, owner, repo, trusted, folder, limits ?? ZipLimits.Default, ct);
    }

    /// <summary>
    /// The newest trusted unexpired artifact of a name, from the default branch or a tag (the
    /// history store's artifact). Null only when there is none: a failed call throws, so a caller
    /// never mistakes an API outage for an empty history.
    /// </summary>
    public static async Task<DownloadedArtifact?> TryDownloadNewestAsync(ApiCaller api, string owner, string repo, string artifactName, string folder, CancellationToken ct, ZipLimits? limits = null, TextWriter? log = null)
    {
        var (trusted, _, _) = await FindNewestTrustedAsync(api, owner, repo, artifactName, null, log ?? TextWriter.Null, ct);
        return trusted is null ? null : await ExtractAsync(api, owner, repo, trusted, folder, limits ?? ZipLimits.Default, ct);
    }

    private static async Task<(Artifact? Trusted, int Seen, int Refused)> FindNewestTrustedAsync(ApiCaller api, string owner, string repo, string artifactName, string? sha, TextWriter log, CancellationToken ct)
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
            candidates.AddRange(artifacts.Where(a => a.Name == artifactName && !a.Expired
                && (sha is null || string.Equals(a.WorkflowRun?.HeadSha, sha, StringComparison.OrdinalIgnoreCase))));
            if (artifacts.Count < PageSize || seen >= response.TotalCount)
            {
                break;
            }
        }

        // Newest first; each refusal is said, so that a missing base is never a mystery.
        var trust = new RunTrust(api, owner, repo);
        var refused = 0;
        foreach (var artifact in candidates.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id))
        {
            if (await trust.RefuseAsync(artifact, sha, ct) is not { } reason)
            {
                return (artifact, seen, refused);
            }

            refused++;
            await log.WriteLineAsync($"cigate: ignoring artifact '{artifact.Name}' ({artifact.Id}): {reason}; only pushes to the default branch or a tag of this repository are trusted");
        }

        return (null, seen, refused);
    }

    /// <summary>A zip may be a little larger than what it holds (headers, stored entries); not much more.</summary>
    private const long HeaderSlack = 64L << 20;

    private static async Task CopyBoundedAsync(Stream source, Stream target, long maxBytes, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.GitHubArtifactTooLarge, $"refusing the artifact: its zip is larger than {maxBytes >> 20} MiB, more than it may unpack to (raise --max-extract-mb if it is genuine)"));
            }

            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }

    private static async Task<DownloadedArtifact> ExtractAsync(ApiCaller api, string owner, string repo, Artifact artifact, string folder, ZipLimits limits, CancellationToken ct)
    {
        var stream = await api.CallAsync($"downloading artifact '{artifact.Name}' ({artifact.Id})", Permission, c => c.Actions.Artifacts.DownloadArtifact(owner, repo, artifact.Id, "zip"), ct);
        await using (stream)
        {
            // ZipArchive needs to seek; the HTTP stream cannot. A temporary file, not memory: results artifacts can be large.
            await using var buffer = new FileStream(Path.GetTempFileName(), System.IO.FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await CopyBoundedAsync(stream, buffer, limits.MaxBytes + HeaderSlack, ct);
            buffer.Position = 0;
            var files = await SafeZip.ExtractAsync(buffer, folder, limits, ct);
            return new DownloadedArtifact(artifact.Id, artifact.Name, artifact.WorkflowRun?.HeadSha ?? "", artifact.CreatedAt, files, Path.GetFullPath(folder));
        }
    }
}
