using System.CommandLine;
using CiGate.Core.Diagnostics;
using CiGate.GitHub.Api;
using CiGate.GitHub.Artifacts;
using CiGate.GitHub.Context;

namespace CiGate.Cli.Commands;

/// <summary>`cigate github download-base`: extracts the newest artifact of a name built from a commit.</summary>
internal static class GitHubDownloadBaseCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var artifact = new Option<string>("--artifact") { Description = "Name of the artifact holding the base run's results folder", Required = true };
        var sha = new Option<string>("--sha") { Description = "Commit the base run was made on (e.g. the PR's base SHA)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Folder to extract the artifact into", Required = true };
        var tokenEnv = new Option<string>("--token-env") { Description = "Environment variable holding the GitHub token", DefaultValueFactory = _ => "GITHUB_TOKEN" };
        var command = new Command("download-base", "Download the base commit's results artifact and extract it")
        {
            artifact, sha, output, tokenEnv,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (api, owner, name) = Connect(parse.GetValue(tokenEnv), stderr);
            var downloaded = await ArtifactDownloader.DownloadAsync(api, owner, name, parse.GetValue(artifact)!, parse.GetValue(sha)!, parse.GetValue(output)!, ct);
            await stdout.WriteLineAsync($"downloaded artifact '{downloaded.Name}' ({downloaded.Id}, commit {downloaded.HeadSha}): {downloaded.Files} file(s) into {downloaded.Folder}");
            return ExitCodes.Pass;
        });
        return command;
    }

    /// <summary>The API client, owner and repository for the artifact commands; the token comes from the named variable.</summary>
    internal static (ApiCaller Api, string Owner, string Repository) Connect(string? tokenVariable, TextWriter stderr)
    {
        var context = GitHubContext.FromEnvironment(Environment.GetEnvironmentVariable);
        var variable = tokenVariable ?? "GITHUB_TOKEN";
        var token = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.GitHubContext, $"${variable} is empty: downloading an artifact needs a token with 'actions: read'"), ExitCodes.UsageOrConfig);
        }

        var (owner, name) = context.SplitRepository();
        return (new ApiCaller(GitHubClientFactory.Create(context.ApiUrl, token), new RateLimitRetry(stderr)), owner, name);
    }
}
