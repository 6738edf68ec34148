using System.Globalization;
using CiGate.GitHub.Fake.State;
using Microsoft.AspNetCore.Http;

namespace CiGate.GitHub.Fake.Endpoints;

/// <summary>
/// Actions artifacts: list (newest first, filter by name, paged), the zip download, and the
/// workflow run that uploaded each (event, branch, head repository), for the trust checks.
/// </summary>
internal static class ArtifactEndpoints
{
    public static async Task ListAsync(HttpContext context, FakeState state)
    {
        var name = context.Request.Query["name"].ToString();
        var all = state.ArtifactsOf(FakeJson.Repository(context))
            .Where(a => name.Length == 0 || a.Name == name)
            .OrderByDescending(a => a.CreatedAt)
            .ThenByDescending(a => a.Id)
            .ToList();
        var page = Paging.Page(context, all);
        await FakeJson.WriteAsync(context, 200, new Dictionary<string, object>
        {
            ["total_count"] = all.Count,
            ["artifacts"] = page.Select(a => Json(context, state, a)).ToList(),
        });
    }

    /// <summary>GitHub answers 302 to a short-lived blob URL; so does the fake (to its own blob route).</summary>
    public static async Task DownloadAsync(HttpContext context, FakeState state)
    {
        var id = long.Parse(FakeJson.Route(context, "id"), CultureInfo.InvariantCulture);
        if (state.ArtifactsOf(FakeJson.Repository(context)).All(a => a.Id != id))
        {
            await FakeJson.ErrorAsync(context, 404, "Not Found");
            return;
        }

        context.Response.StatusCode = 302;
        context.Response.Headers.Location = string.Create(CultureInfo.InvariantCulture, $"{context.Request.Scheme}://{context.Request.Host}/_fake/blobs/{id}");
    }

    public static async Task BlobAsync(HttpContext context, FakeState state)
    {
        var id = long.Parse(FakeJson.Route(context, "id"), CultureInfo.InvariantCulture);
        var artifact = state.Snapshot().Artifacts.FirstOrDefault(a => a.Id == id);
        if (artifact is null)
        {
            await FakeJson.ErrorAsync(context, 404, "Not Found");
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/zip";
        context.Response.ContentLength = artifact.Zip.Length;
        await context.Response.Body.WriteAsync(artifact.Zip, context.RequestAborted);
    }

    private static Dictionary<string, object> Json(HttpContext context, FakeState state, FakeArtifact a) => new()
    {
        ["id"] = a.Id,
        ["node_id"] = $"MDg6QXJ0aWZhY3Q{a.Id}",
        ["name"] = a.Name,
        ["size_in_bytes"] = a.Zip.Length,
        ["url"] = $"{FakeJson.BaseUrl(context)}/repos/{a.Repository}/actions/artifacts/{a.Id}",
        ["archive_download_url"] = $"{FakeJson.BaseUrl(context)}/repos/{a.Repository}/actions/artifacts/{a.Id}/zip",
        ["expired"] = false,
        ["created_at"] = a.CreatedAt,
        ["updated_at"] = a.CreatedAt,
        ["expires_at"] = a.CreatedAt.AddDays(90),
        ["workflow_run"] = new Dictionary<string, object>
        {
            ["id"] = a.Id + 1_000_000,
            ["repository_id"] = state.RepositoryId(a.Repository),
            ["head_repository_id"] = state.RepositoryId(a.HeadRepository),
            ["head_branch"] = a.Run.HeadBranch,
            ["head_sha"] = a.HeadSha,
        },
    };

    /// <summary>GET /repos/{owner}/{repo}/actions/runs/{id}: the run behind an artifact.</summary>
    public static async Task RunAsync(HttpContext context, FakeState state)
    {
        var id = long.Parse(FakeJson.Route(context, "id"), CultureInfo.InvariantCulture);
        var repository = FakeJson.Repository(context);
        var artifact = state.ArtifactsOf(repository).FirstOrDefault(a => a.RunId == id);
        if (artifact is null)
        {
            await FakeJson.ErrorAsync(context, 404, "Not Found");
            return;
        }

        await FakeJson.WriteAsync(context, 200, new Dictionary<string, object>
        {
            ["id"] = artifact.RunId,
            ["name"] = "ci",
            ["node_id"] = $"WFR_{artifact.RunId}",
            ["head_branch"] = artifact.Run.HeadBranch,
            ["head_sha"] = artifact.HeadSha,
            ["run_number"] = 1,
            ["event"] = artifact.Run.Event,
            ["status"] = "completed",
            ["conclusion"] = "success",
            ["workflow_id"] = 1,
            ["url"] = $"{FakeJson.BaseUrl(context)}/repos/{repository}/actions/runs/{artifact.RunId}",
            ["html_url"] = $"https://github.com/{repository}/actions/runs/{artifact.RunId}",
            ["pull_requests"] = Array.Empty<object>(),
            ["created_at"] = artifact.CreatedAt,
            ["updated_at"] = artifact.CreatedAt,
            ["repository"] = RepositoryEndpoints.Json(context, state, repository),
            ["head_repository"] = RepositoryEndpoints.Json(context, state, artifact.HeadRepository),
        });
    }
}
