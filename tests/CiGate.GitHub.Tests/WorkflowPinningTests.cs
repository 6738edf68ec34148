using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CiGate.GitHub.Tests;

/// <summary>
/// The action and the example workflows people copy: every third-party action is pinned to a full
/// commit SHA (a tag can be moved to other code; a SHA cannot), and every file is valid YAML.
/// </summary>
public sealed partial class WorkflowPinningTests
{
    public static TheoryData<string> Files()
    {
        var root = RepositoryRoot();
        var data = new TheoryData<string> { "action.yml" };
        foreach (var file in Directory.GetFiles(Path.Combine(root, "examples", "workflows"), "*.yml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_uses_is_pinned_to_a_commit_sha(string file)
    {
        // arrange
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot(), file)))
        {
            yaml.Load(reader);
        }

        // act
        var uses = new List<string>();
        Collect(yaml.Documents[0].RootNode, uses);

        // assert: the examples' own placeholder is the one exception, and it says what to put there
        var unpinned = uses.Where(u => !Pinned().IsMatch(u) && u != "OWNER/cigate@COMMIT_SHA").ToList();
        Assert.Empty(unpinned);
        Assert.True(file != "action.yml" || uses.Count >= 2, "action.yml uses setup-dotnet and upload-artifact");
    }

    private static void Collect(YamlNode node, List<string> uses)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: "uses" } && value is YamlScalarNode { Value: { } action })
                    {
                        uses.Add(action);
                    }

                    Collect(value, uses);
                }

                break;
            case YamlSequenceNode list:
                foreach (var child in list.Children)
                {
                    Collect(child, uses);
                }

                break;
        }
    }

    // From the test binary (a default build sits inside the repository), else from this source file
    // (an --artifacts-path elsewhere; CI=true builds map source paths to /_/, so that one can fail).
    private static string RepositoryRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null && dir.Exists; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CiGate.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"CiGate.sln not found above {AppContext.BaseDirectory} or {source}");
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")]
    private static partial Regex Pinned();
}
