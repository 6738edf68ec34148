using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using CiGate.GitHub.Fake.State;
using Microsoft.AspNetCore.Http;

namespace CiGate.GitHub.Fake.Endpoints;

/// <summary>
/// The /_fake/ routes scripts and tests drive: dump state, set faults, seed comments and
/// artifacts. Seeding: <c>{"repo":"o/r","issue":7,"user":"bot","body":"hi","count":250}</c> (or
/// an array of those); artifacts: <c>{"repo","name","head_sha","created_at","files":{path:text}}</c>
/// (binary files in <c>"files_base64":{path:base64}</c>) or <c>"zip_base64"</c> for a hand-made archive,
/// and the run that uploaded it: <c>"event"</c> (push), <c>"head_branch"</c> (main),
/// <c>"head_repository"</c> (the repository itself; a fork's name for a fork's pull request);
/// tags: <c>{"repo","name"}</c>.
/// </summary>
internal static class ControlEndpoints
{
    public static Task StateAsync(HttpContext context, FakeState state) =>
        FakeJson.WriteAsync(context, 200, state.Snapshot());

    public static Task ResetAsync(HttpContext context, FakeState state)
    {
        state.Reset();
        return FakeJson.WriteAsync(context, 200, state.Snapshot().Config);
    }

    public static async Task ConfigAsync(HttpContext context, FakeState state)
    {
        var json = await FakeJson.ReadAsync(context);
        if (json is not JsonObject settings)
        {
            await FakeJson.ErrorAsync(context, 400, "expected a JSON object such as {\"deny_checks\": true}");
            return;
        }

        // Keys not sent keep their value, so faults can be switched one at a time.
        var old = state.Config;
        state.Config = new FakeConfig(
            json["deny_checks"]?.GetValue<bool>() ?? old.DenyChecks,
            json["rate_limit_once"]?.GetValue<bool>() ?? old.RateLimitOnce,
            json["secondary_limit_once"]?.GetValue<bool>() ?? old.SecondaryLimitOnce,
            settings.ContainsKey("require_token") ? json["require_token"]?.GetValue<string>() : old.RequireToken,
            json["server_errors"]?.GetValue<int>() ?? old.ServerErrors,
            json["dropped_connections"]?.GetValue<int>() ?? old.DroppedConnections,
            json["forbidden"]?.GetValue<bool>() ?? old.Forbidden,
            json["default_branch"]?.GetValue<string>() ?? old.DefaultBranch);
        await FakeJson.WriteAsync(context, 200, state.Config);
    }

    public static async Task SeedCommentsAsync(HttpContext context, FakeState state)
    {
        var json = await FakeJson.ReadAsync(context);
        var seeds = json is JsonArray array ? [.. array] : new List<JsonNode?> { json };
        var added = 0;
        foreach (var seed in seeds)
        {
            var repo = seed?["repo"]?.GetValue<string>() ?? "octo/repo";
            var issue = seed?["issue"]?.GetValue<int>() ?? 1;
            var user = seed?["user"]?.GetValue<string>() ?? "other-bot";
            var body = seed?["body"]?.GetValue<string>() ?? "hello";
            var count = seed?["count"]?.GetValue<int>() ?? 1;
            for (var i = 0; i < count; i++)
            {
                state.AddComment(repo, issue, user, body);
                added++;
            }
        }

        await FakeJson.WriteAsync(context, 201, new { added });
    }

    public static async Task SeedArtifactAsync(HttpContext context, FakeState state)
    {
        var json = await FakeJson.ReadAsync(context);
        var name = json?["name"]?.GetValue<string>();
        var sha = json?["head_sha"]?.GetValue<string>();
        if (name is null || sha is null)
        {
            await FakeJson.ErrorAsync(context, 400, "name and head_sha are required");
            return;
        }

        var zip = json?["zip_base64"]?.GetValue<string>() is { } base64 ? Convert.FromBase64String(base64) : Zip(json?["files"] as JsonObject, json?["files_base64"] as JsonObject);
        var created = json?["created_at"]?.GetValue<DateTimeOffset>() ?? DateTimeOffset.UtcNow;
        var run = new FakeRun(json?["event"]?.GetValue<string>() ?? "push", json?["head_branch"]?.GetValue<string>() ?? "main", json?["head_repository"]?.GetValue<string>());
        var artifact = state.AddArtifact(json?["repo"]?.GetValue<string>() ?? "octo/repo", name, sha, created, zip, run);
        await FakeJson.WriteAsync(context, 201, artifact);
    }

    public static async Task SeedTagAsync(HttpContext context, FakeState state)
    {
        var json = await FakeJson.ReadAsync(context);
        if (json?["name"]?.GetValue<string>() is not { Length: > 0 } name)
        {
            await FakeJson.ErrorAsync(context, 400, "name is required");
            return;
        }

        state.AddTag(json["repo"]?.GetValue<string>() ?? "octo/repo", name);
        await FakeJson.WriteAsync(context, 201, new { name });
    }

    /// <summary>A zip of text files and of binary ones given as base64 (e.g. a SQLite history store).</summary>
    private static byte[] Zip(JsonObject? files, JsonObject? binaryFiles)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files ?? [])
            {
                var entry = archive.CreateEntry(path);
                using var stream = entry.Open();
                var text = content is JsonValue value && value.TryGetValue<string>(out var s) ? s : content?.ToJsonString(FakeJson.Options) ?? "";
                stream.Write(Encoding.UTF8.GetBytes(text));
            }

            foreach (var (path, content) in binaryFiles ?? [])
            {
                var entry = archive.CreateEntry(path);
                using var stream = entry.Open();
                stream.Write(Convert.FromBase64String(content?.GetValue<string>() ?? ""));
            }
        }

        return buffer.ToArray();
    }

    public static bool IsControl(PathString path) => path.StartsWithSegments("/_fake", StringComparison.Ordinal);
}
