using System.Diagnostics;

namespace CiGate.Core.Running;

/// <summary>
/// Which commit a run was made at, for reports to name: <c>git rev-parse HEAD</c> in the config's
/// folder (what is checked out, also on a pull request, where GITHUB_SHA is the merge commit), else
/// GITHUB_SHA, else nothing. Never fails a run: no git, no repository or a slow git give null.
/// </summary>
public static class GitCommit
{
    public static string? Of(string configPath)
    {
        var folder = Directory.Exists(configPath) ? configPath : Path.GetDirectoryName(Path.GetFullPath(configPath));
        return (folder is null ? null : RevParse(folder)) ?? Sha(Environment.GetEnvironmentVariable("GITHUB_SHA"));
    }

    private static string? RevParse(string folder)
    {
        try
        {
            var info = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "rev-parse", "--verify", "--quiet", "HEAD" })
            {
                info.ArgumentList.Add(arg);
            }

            using var git = Process.Start(info);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd();
            if (!git.WaitForExit(5000))
            {
                git.Kill();
                return null;
            }

            return git.ExitCode == 0 ? Sha(output.Trim()) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }

    private static string? Sha(string? text) =>
        text is { Length: >= 7 and <= 64 } && text.All(char.IsAsciiHexDigit) ? text.ToLowerInvariant() : null;
}
