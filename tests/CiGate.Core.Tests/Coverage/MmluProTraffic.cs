using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CiGate.Core.Tests.Coverage;

/// <summary>MMLU-Pro's questions as traffic, found in a `shared/datasets` folder beside the repository (or the test
/// skips).</summary>
internal static class MmluProTraffic
{
    public static IReadOnlyList<(string Question, string Category)> LoadOrSkip([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null
                : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets", "mmlu-pro", "test.jsonl");
                if (File.Exists(candidate))
                {
                    return [.. File.ReadLines(candidate).Where(l => l.Length > 0).Select(l =>
                    {
                        using var document = JsonDocument.Parse(l);
                        return (document.RootElement.GetProperty("question").GetString()!,
                            document.RootElement.GetProperty("category").GetString()!);
                    })];
                }
            }
        }

        Assert.Skip("the MMLU-Pro dataset (shared/datasets/mmlu-pro/test.jsonl) is not beside the repository");
        return [];
    }

    /// <summary>
    /// A fixture file, found from the test assembly's folder up to the repository (CI builds map source paths to
    /// <c>/_/</c>, so the caller's file path cannot be used).
    /// </summary>
    public static string Fixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "CiGate.Core.Tests", "Coverage", "Fixtures", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"fixture {name} not found above {AppContext.BaseDirectory}");
    }
}
