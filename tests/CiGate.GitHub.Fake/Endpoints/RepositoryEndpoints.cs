using CiGate.GitHub.Fake.State;
using Microsoft.AspNetCore.Http;

namespace CiGate.GitHub.Fake.Endpoints;

/// <summary>The repository (its default branch) and its tags (GET git/ref/tags/NAME: 404 when there is none).</summary>
internal static class RepositoryEndpoints
{
    public static Task GetAsync(HttpContext context, FakeState state) =>
        FakeJson.WriteAsync(context, 200, Json(context, state, FakeJson.Repository(context)));

    public static async Task TagAsync(HttpContext context, FakeState state)
    {
        var repository = FakeJson.Repository(context);
        var name = FakeJson.Route(context, "tag");
        if (!state.HasTag(repository, name))
        {
            await FakeJson.ErrorAsync(context, 404, "Not Found");
            return;
        }

        await FakeJson.WriteAsync(context, 200, new Dictionary<string, object>
        {
            ["ref"] = $"refs/tags/{name}",
            ["node_id"] = $"REF_{name}",
            ["url"] = $"{FakeJson.BaseUrl(context)}/repos/{repository}/git/refs/tags/{name}",
            ["object"] = new Dictionary<string, object> { ["sha"] = new string('0', 40), ["type"] = "commit", ["url"] = "" },
        });
    }

    public static Dictionary<string, object> Json(HttpContext context, FakeState state, string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        var owner = slash < 0 ? repository : repository[..slash];
        return new Dictionary<string, object>
        {
            ["id"] = state.RepositoryId(repository),
            ["node_id"] = $"R_{state.RepositoryId(repository)}",
            ["name"] = slash < 0 ? repository : repository[(slash + 1)..],
            ["full_name"] = repository,
            ["owner"] = new Dictionary<string, object> { ["login"] = owner, ["id"] = 1, ["type"] = "Organization" },
            ["private"] = false,
            ["fork"] = repository != FakeJson.Repository(context),
            ["url"] = $"{FakeJson.BaseUrl(context)}/repos/{repository}",
            ["html_url"] = $"https://github.com/{repository}",
            ["default_branch"] = state.Config.DefaultBranch,
        };
    }
}
