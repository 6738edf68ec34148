using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>
/// promptfoo providers that call the team's own code or API → CiGate <c>http</c> and <c>exec</c>
/// targets: <c>http</c>/<c>https</c> (a URL id or <c>config.url</c>), <c>exec:</c> scripts, and
/// <c>file://</c>/<c>python:</c> Python or JavaScript providers, the last three as one-shot exec
/// targets through the shims in shims/promptfoo (written beside the converted config).
/// </summary>
internal static partial class AppProviderConverter
{
    /// <summary>The folder, beside the converted config, the shims are written to.</summary>
    public const string ShimFolder = "cigate-shims";

    public const string PythonShim = "promptfoo_provider.py";

    public const string NodeShim = "promptfoo_provider.mjs";

    private static readonly string[] PythonExtensions = [".py"];

    private static readonly string[] NodeExtensions = [".js", ".mjs", ".cjs"];

    /// <summary>Writes the target (named by <paramref name="nameOf"/>, called once) and returns true; false when
    /// the id is none of these providers.</summary>
    public static bool TryConvert(
        string id,
        Func<string> nameOf,
        YamlMappingNode? config,
        YamlNode node,
        List<string> lines,
        ImportContext context)
    {
        if (id is "http" or "https" || id.StartsWith("http://", StringComparison.Ordinal)
            || id.StartsWith("https://", StringComparison.Ordinal))
        {
            Http(id, nameOf(), config, node, lines, context);
            return true;
        }

        if (id.StartsWith("exec:", StringComparison.Ordinal))
        {
            var command = id["exec:".Length..].Trim();
            Exec(nameOf(), ["exec", command, Json(config)], lines, context, python: true);
            return true;
        }

        var script = id.StartsWith("file://", StringComparison.Ordinal) ? id["file://".Length..]
            : id.StartsWith("python:", StringComparison.Ordinal) ? id["python:".Length..]
            : null;
        if (script is null)
        {
            return false;
        }

        // file://provider.py:my_function (a colon after the extension names the function or export).
        var (path, function) = SplitFunction(script);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        // The script path stays as promptfoo wrote it: the target runs in the promptfoo config's folder.
        var relative = path.Replace('\\', '/');
        if (PythonExtensions.Contains(extension) || id.StartsWith("python:", StringComparison.Ordinal))
        {
            Exec(nameOf(), ["python", relative, function ?? "", Json(config)], lines, context, python: true);
            return true;
        }

        if (NodeExtensions.Contains(extension))
        {
            Exec(nameOf(), [relative, function ?? "", Json(config)], lines, context, python: false);
            return true;
        }

        return false;
    }

    private static (string Path, string? Function) SplitFunction(string script)
    {
        var colon = script.LastIndexOf(':');
        return colon > 0 && Path.HasExtension(script[..colon])
            && !script[(colon + 1)..].Contains('/', StringComparison.Ordinal)
            ? (script[..colon], script[(colon + 1)..])
            : (script, null);
    }

    private static void Exec(
        string name, IReadOnlyList<string> args, List<string> lines, ImportContext context, bool python)
    {
        // Paths in the provider (and in its own code) are relative to the promptfoo config's folder, where
        // the target runs; the shim is written beside the converted config.
        var shimFile = Path.Combine(context.OutputDirectory, ShimFolder, python ? PythonShim : NodeShim);
        var shim = Path.GetRelativePath(context.SourceDirectory, shimFile).Replace('\\', '/');
        context.Shims.Add(python ? PythonShim : NodeShim);
        var command = new List<string> { python ? "python3" : "node", shim };
        command.AddRange(args);
        lines.Add($"  {YamlEmitter.Text(name)}:");
        lines.Add("    type: exec");
        lines.Add("    mode: once   # a process per case, as promptfoo runs script providers; needs --allow-commands");
        lines.Add($"    command: [{string.Join(", ", command.Select(YamlEmitter.Text))}]");
        if (!string.Equals(context.SourceDirectory, context.OutputDirectory, StringComparison.Ordinal))
        {
            var folder = Path.GetRelativePath(context.OutputDirectory, context.SourceDirectory).Replace('\\', '/');
            lines.Add($"    working_dir: {YamlEmitter.Text(folder)}");
        }
    }

    private static string Json(YamlMappingNode? config) =>
        config is null ? "{}" : JsonSerializer.Serialize(ToJson(config));

    private static object? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map =>
            map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? "", p => ToJson(p.Value)),
        YamlSequenceNode list => list.Children.Select(ToJson).ToList(),
        YamlScalarNode { Style: ScalarStyle.Plain } s when s.Value is "true" or "false" => s.Value == "true",
        YamlScalarNode { Style: ScalarStyle.Plain } s when s.Value is null or "null" or "~" => null,
        YamlScalarNode { Style: ScalarStyle.Plain } s when double.TryParse(
            s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        YamlScalarNode s => s.Value,
        _ => null,
    };

    private static YamlNode? Get(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    [GeneratedRegex(@"\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex EnvReference();

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex SimpleReference();

    [GeneratedRegex(@"^\s*json((?:\.[A-Za-z_$][A-Za-z0-9_$]*|\[\d+\]|\[""[^""]*""\]|\['[^']*'\])*)\s*$")]
    private static partial Regex JsonPath();

    [GeneratedRegex(@"\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[""([^""]*)""\]|\['([^']*)'\]")]
    private static partial Regex PathStep();
}
