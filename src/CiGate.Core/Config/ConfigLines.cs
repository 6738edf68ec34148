using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config;

/// <summary>
/// Where a suite's setting is written in the config, so an annotation can point at the line a
/// pull request changed. A key path (<c>generation.max_tokens</c>) is followed under
/// <c>suites.NAME</c> as far as the file spells it (a key a preset supplies points at the
/// suite). Best effort: an unreadable config finds nothing.
/// </summary>
public sealed class ConfigLines
{
    private readonly List<(string File, YamlMappingNode Root)> files;

    private ConfigLines(List<(string File, YamlMappingNode Root)> files) => this.files = files;

    /// <summary>A config file, or a folder of .yml files as `cigate run` reads it.</summary>
    public static ConfigLines Load(string? path)
    {
        var found = new List<(string, YamlMappingNode)>();
        var candidates = path is null ? []
            : File.Exists(path) ? [Path.GetFullPath(path)]
            : Directory.Exists(path) ? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
            : new List<string>();
        foreach (var file in candidates)
        {
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(File.ReadAllText(file)));
                if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root)
                {
                    found.Add((file, root));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException or InvalidOperationException)
            {
                // Not readable now: the annotation falls back to the config's first line.
            }
        }

        return new ConfigLines(found);
    }

    /// <summary>The file and 1-based line of the deepest part of <paramref name="key"/> written under the suite; null when the suite is not found.</summary>
    public (string File, int Line)? Find(string suite, string key)
    {
        foreach (var (file, root) in files)
        {
            if (Child(root, "suites") is not YamlMappingNode suites || Entry(suites, suite) is not { } entry)
            {
                continue;
            }

            var (keyNode, node) = entry;
            foreach (var part in key.Split('.'))
            {
                if (node is not YamlMappingNode map || Entry(map, part) is not { } next)
                {
                    break;
                }

                (keyNode, node) = next;
            }

            return (file, (int)keyNode.Start.Line);
        }

        return null;
    }

    private static YamlNode? Child(YamlMappingNode map, string name) => Entry(map, name)?.Value;

    private static (YamlNode Key, YamlNode Value)? Entry(YamlMappingNode map, string name)
    {
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } text } && text == name)
            {
                return (key, value);
            }
        }

        return null;
    }
}
