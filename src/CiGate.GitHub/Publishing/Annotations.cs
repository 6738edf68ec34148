using CiGate.Core.Gating;
using CiGate.GitHub.Reports;
using Octokit;

namespace CiGate.GitHub.Publishing;

/// <summary>One check-run annotation per suite, on line 1 of the config that declared it.</summary>
public static class Annotations
{
    public const string DefaultPath = "cigate.yml";

    /// <summary>GitHub accepts at most this many annotations per create or update call.</summary>
    public const int MaxPerCall = 50;

    public static IReadOnlyList<NewCheckRunAnnotation> ForSuites(IEnumerable<SuiteOutcome> suites, string path) =>
        [.. suites.Select(s => new NewCheckRunAnnotation(
            path,
            1,
            1,
            Verdicts.Level(s.Verdict),
            s.Reasons.Count == 0 ? Verdicts.Name(s.Verdict) : string.Join("\n", s.Reasons))
        {
            Title = $"{s.Suite} on {s.Target}: {Verdicts.Name(s.Verdict)}",
        })];

    /// <summary>One annotation per changed definition key, on the config line that sets it (line 1 of the config when not found).</summary>
    public static IReadOnlyList<NewCheckRunAnnotation> ForDefinitionChanges(IEnumerable<SuiteOutcome> suites, Func<string?, string> repositoryPath) =>
        [.. suites.SelectMany(s => s.ChangedKeys.Select(k => new NewCheckRunAnnotation(
            repositoryPath(k.File),
            k.Line ?? 1,
            k.Line ?? 1,
            Verdicts.Level(s.Verdict == Verdict.Fail ? Verdict.Fail : Verdict.Warn),
            k.Text)
        {
            Title = $"{s.Suite} on {s.Target}: definition changed",
        }))];

    /// <summary>
    /// The repository-relative path of the config: annotations must name a file in the repo.
    /// An absolute path outside the workspace (or none) falls back to cigate.yml.
    /// </summary>
    public static string RepositoryPath(string? configPath, string? workspace)
    {
        // A config folder has no line 1 to point at.
        if (string.IsNullOrWhiteSpace(configPath)
            || !(configPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || configPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)))
        {
            return DefaultPath;
        }

        var path = configPath;
        if (Path.IsPathRooted(path))
        {
            if (workspace is null)
            {
                return DefaultPath;
            }

            var relative = Path.GetRelativePath(Path.GetFullPath(workspace), Path.GetFullPath(path));
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                return DefaultPath;
            }

            path = relative;
        }

        path = path.Replace('\\', '/');
        return path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
    }
}
