using CiGate.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config;

/// <summary>
/// Where each YAML node came from (a user file or an embedded preset), so every diagnostic
/// names the right file, line and column even after presets are merged into a suite.
/// </summary>
internal sealed class YamlContext(DiagnosticBag diagnostics, string defaultFile)
{
    private readonly Dictionary<YamlNode, string> files = new(ReferenceEqualityComparer.Instance);

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>What the config asks for that only the run's <see cref="TrustPolicy"/> can grant.</summary>
    public List<Privilege> Privileges { get; } = [];

    public string FileOf(YamlNode node) => files.TryGetValue(node, out var file) ? file : defaultFile;

    public void Tag(YamlNode root, string file)
    {
        foreach (var node in root.AllNodes)
        {
            files[node] = file;
        }
    }

    public SourcePlace PlaceOf(YamlNode node) => new(FileOf(node), (int)node.Start.Line, (int)node.Start.Column);

    public void Report(string code, YamlNode node, string message) =>
        Diagnostics.Add(code, message, FileOf(node), (int)node.Start.Line, (int)node.Start.Column);

    public static YamlMappingNode? Parse(string text, string file, DiagnosticBag diagnostics)
    {
        YamlStream stream;
        try
        {
            stream = YamlBounds.Load(text);
        }
        catch (YamlBoundsException ex)
        {
            ReportBounds(ex, file, diagnostics);
            return null;
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            diagnostics.Add(DiagnosticCodes.YamlSyntax, $"invalid YAML: {OneLine(message)}", file, (int)ex.Start.Line, (int)ex.Start.Column);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this (not a YamlException) when the text ends inside a flow collection.
            var lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
            diagnostics.Add(DiagnosticCodes.YamlSyntax, "invalid YAML: the file ends inside an unclosed '{' or '['", file, lines.Length, lines[^1].Length + 1);
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new YamlMappingNode();
        }

        if (stream.Documents[0].RootNode is YamlMappingNode map)
        {
            return map;
        }

        var root = stream.Documents[0].RootNode;
        diagnostics.Add(DiagnosticCodes.WrongType, "a config file must be a mapping of keys (targets:, suites:)", file, (int)root.Start.Line, (int)root.Start.Column);
        return null;
    }

    /// <summary>Reports a broken <see cref="YamlBounds"/> limit with its own code, at the node that broke it.</summary>
    public static void ReportBounds(YamlBoundsException ex, string file, DiagnosticBag diagnostics)
    {
        var code = ex.Bound == YamlBound.Depth ? DiagnosticCodes.YamlTooDeep : DiagnosticCodes.YamlAliasExpansion;
        diagnostics.Add(code, ex.Reason, file, (int)ex.Start.Line, (int)ex.Start.Column);
    }

    private static string OneLine(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (...): "; the position is printed separately.
        var text = message.ReplaceLineEndings(" ");
        var cut = text.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && text.StartsWith("(Line", StringComparison.Ordinal) ? text[(cut + 3)..] : text;
    }
}
