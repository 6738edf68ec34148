using System.CommandLine;
using CiGate.Core.Diagnostics;
using CiGate.GitHub.Api;
using CiGate.GitHub.Artifacts;
using CiGate.GitHub.Context;

namespace CiGate.Cli.Commands;

/// <summary>
/// `cigate github download-base`: extracts the newest trusted artifact of a name built from a
/// commit (a push to the default branch or a tag of this repository, never a pull request's or a
/// fork's run). Exit 0: extracted; 4: no such artifact (no base to compare with); 2: the
/// artifact is refused (unsafe, malformed, over the extraction bounds) or a usage error; 3:
/// GitHub failed (permission, rate limit, outage after retries), so the base is unknown.
/// </summary>
internal static class GitHubDownloadBaseCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var artifact = new Option<string>("--artifact") { Description = "Name of the artifact holding the base run's results folder", Required = true };
        var sha = new Option<string>("--sha") { Description = "Commit the base run was made on (e.g. the PR's base SHA)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Folder to extract the artifact into", Required = true };
        var tokenEnv = new Option<string>("--token-env") { Description = "Environment variable holding the GitHub token", DefaultValueFactory = _ => "GITHUB_TOKEN" };
        var limits = new ExtractionOptions();
        var command = new Command("download-base", "Download the base commit's results artifact and extract it (exit 4: there is none)")
        {
            artifact, sha, output, tokenEnv,
        };
        limits.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (api, owner, name) = Connect(parse.GetValue(tokenEnv), stderr);
            var downloaded = await ArtifactDownloader.DownloadAsync(api, owner, name, parse.GetValue(artifact)!, parse.GetValue(sha)!, parse.GetValue(output)!, ct, limits.Read(parse), stderr);
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

    /// <summary>The extraction bounds both artifact commands take (defaults: <see cref="ZipLimits.Default"/>).</summary>
    internal sealed class ExtractionOptions
    {
        private readonly Option<int> _megabytes = new("--max-extract-mb") { Description = "Refuse an artifact that unpacks to more than this many MiB", DefaultValueFactory = _ => (int)(ZipLimits.Default.MaxBytes >> 20) };
        private readonly Option<int> _entries = new("--max-entries") { Description = "Refuse an artifact with more entries than this", DefaultValueFactory = _ => ZipLimits.Default.MaxEntries };
        private readonly Option<double> _ratio = new("--max-ratio") { Description = $"Refuse an artifact that unpacks to more than this many times its zip's size (checked past {ZipLimits.RatioFloorBytes >> 20} MiB)", DefaultValueFactory = _ => ZipLimits.Default.MaxRatio };

        public void AddTo(Command command)
        {
            command.Options.Add(_megabytes);
            command.Options.Add(_entries);
            command.Options.Add(_ratio);
        }

        public ZipLimits Read(ParseResult parse)
        {
            var (megabytes, entries, ratio) = (parse.GetValue(_megabytes), parse.GetValue(_entries), parse.GetValue(_ratio));
            if (megabytes < 1 || entries < 1 || !(ratio >= 1))
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.Usage, "--max-extract-mb and --max-entries must be 1 or more, --max-ratio 1 or more"));
            }

            return new ZipLimits((long)megabytes << 20, entries, ratio);
        }
    }
}
