using System.CommandLine;

namespace CiGate.Cli.Commands;

/// <summary>`cigate github ...`: publish a comparison to a pull request, fetch the base run's results.</summary>
internal static class GitHubCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("github", "Publish reports to GitHub (PR comment, check run, job summary) and download the base run's results or the history store")
        {
            GitHubPublishCommand.Create(stdout, stderr),
            GitHubDownloadBaseCommand.Create(stdout, stderr),
            GitHubDownloadHistoryCommand.Create(stdout, stderr),
        };
}
