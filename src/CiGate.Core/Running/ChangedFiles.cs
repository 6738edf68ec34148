using System.Diagnostics;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Running;

/// <summary>
/// The files a pull request changed: <c>git diff --name-only REF...HEAD</c> (changes on this branch
/// since it left REF, as GitHub shows them) in the config's repository, as full paths.
/// </summary>
public static class ChangedFiles
{
    public static IReadOnlyList<string> Since(string reference, string configPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var folder = Directory.Exists(configPath) ? configPath : Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        var root = Git(folder, "rev-parse", "--show-toplevel").Trim();
        string names;
        try
        {
            names = Git(folder, "diff", "--name-only", "--no-renames", $"{reference}...HEAD", "--");
        }
        catch (CiGateException) when (Succeeds(folder, "rev-parse", "--verify", "--quiet", $"{reference}^{{commit}}"))
        {
            // No merge base (a shallow clone): REF against HEAD lists more files, never fewer, so
            // more suites run, never fewer.
            names = Git(folder, "diff", "--name-only", "--no-renames", reference, "HEAD", "--");
        }

        return [.. names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => Path.GetFullPath(Path.Combine(root, name)))];
    }

    private static string Git(string folder, params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var git = Process.Start(info) ?? throw Failed($"git {args[0]} did not start", folder);
            var error = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd();
            if (!git.WaitForExit(30_000))
            {
                git.Kill();
                throw Failed($"git {args[0]} took longer than 30 s", folder);
            }

            return git.ExitCode == 0
                ? output
                : throw Failed($"git {string.Join(' ', args)} failed: {error.Result.Trim()}", folder);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw Failed("--changed-since needs git on PATH", folder);
        }
    }

    private static bool Succeeds(string folder, params string[] args)
    {
        try
        {
            Git(folder, args);
            return true;
        }
        catch (CiGateException)
        {
            return false;
        }
    }

    private static CiGateException Failed(string message, string folder) =>
        new(new Diagnostic(DiagnosticCodes.ChangedSinceFailed, message, folder));
}
