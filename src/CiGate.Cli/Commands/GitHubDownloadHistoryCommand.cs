using System.CommandLine;
using CiGate.Core.Diagnostics;
using CiGate.GitHub.Artifacts;

namespace CiGate.Cli.Commands;

/// <summary>
/// `cigate github download-history`: extracts the newest trusted artifact holding the history
/// store, from a push to the default branch or a tag (never a pull request's or a fork's run),
/// so that pushes to main and tag pushes extend one store. Exit 0 with "none yet" when the
/// repository has no such artifact (the first recording starts the store); any failed call
/// exits non-zero, so an outage is never taken for an empty history.
/// </summary>
internal static class GitHubDownloadHistoryCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var artifact = new Option<string>("--artifact") { Description = "Name of the artifact holding the history store", DefaultValueFactory = _ => "cigate-history" };
        var output = new Option<string>("--out", "-o") { Description = "Folder to extract the artifact into", Required = true };
        var tokenEnv = new Option<string>("--token-env") { Description = "Environment variable holding the GitHub token", DefaultValueFactory = _ => "GITHUB_TOKEN" };
        var limits = new GitHubDownloadBaseCommand.ExtractionOptions();
        var command = new Command("download-history", "Download the newest history store artifact (from the default branch or a tag) and extract it")
        {
            artifact, output, tokenEnv,
        };
        limits.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (api, owner, name) = GitHubDownloadBaseCommand.Connect(parse.GetValue(tokenEnv), stderr);
            var artifactName = parse.GetValue(artifact)!;
            var folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var downloaded = await ArtifactDownloader.TryDownloadNewestAsync(api, owner, name, artifactName, folder, ct, limits.Read(parse), stderr);
            await stdout.WriteLineAsync(downloaded is null
                ? $"no trusted artifact named '{artifactName}' yet: the first recorded run starts the history store"
                : $"downloaded artifact '{downloaded.Name}' ({downloaded.Id}, {downloaded.CreatedAt:yyyy-MM-dd HH:mm}Z, commit {downloaded.HeadSha}): {downloaded.Files} file(s) into {downloaded.Folder}");
            return ExitCodes.Pass;
        });
        return command;
    }
}
