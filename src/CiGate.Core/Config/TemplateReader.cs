using CiGate.Core.Diagnostics;
using CiGate.Core.Templating;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config;

internal static class TemplateReader
{
    /// <summary>Reads an inline template (<paramref name="key"/>) or a file (<paramref name="key"/>_file).</summary>
    public static ItemTemplate? Read(MapReader map, string key, string baseDirectory, bool required = false)
    {
        var fileKey = $"{key}_file";
        var inline = map.Get(key);
        var fileNode = map.Get(fileKey);
        if (inline is not null && fileNode is not null)
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, fileNode, $"'{map.Section}' sets both '{key}' and '{fileKey}'; keep one");
            return null;
        }

        if (fileNode is not null)
        {
            var relative = map.String(fileKey)!;
            var path = Path.GetFullPath(Path.Combine(baseDirectory, relative));
            if (!File.Exists(path))
            {
                map.Context.Report(DiagnosticCodes.TemplateNotFound, fileNode, $"template file '{relative}' not found (looked in {path})");
                return null;
            }

            return ItemTemplate.Parse(File.ReadAllText(path), path, 0, 1, blockScalar: true, map.Context.Diagnostics) is { } fromFile
                ? fromFile
                : null;
        }

        if (inline is null)
        {
            if (required)
            {
                map.Context.Report(DiagnosticCodes.MissingKey, map.Node, $"'{map.Section}' needs '{key}' or '{fileKey}'");
            }

            return null;
        }

        if (inline is not YamlScalarNode scalar)
        {
            map.Context.Report(DiagnosticCodes.WrongType, inline, $"'{map.Section}.{key}' must be a string");
            return null;
        }

        var block = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
        return ItemTemplate.Parse(
            scalar.Value ?? "",
            map.Context.FileOf(scalar),
            (int)scalar.Start.Line,
            (int)scalar.Start.Column + (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0),
            block,
            map.Context.Diagnostics);
    }
}
