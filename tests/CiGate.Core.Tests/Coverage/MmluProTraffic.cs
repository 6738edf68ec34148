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

    public static string Fixture(string name, [CallerFilePath] string sourceFile = "") =>
        Path.Combine(Path.GetDirectoryName(sourceFile)!, "Fixtures", name);
}
