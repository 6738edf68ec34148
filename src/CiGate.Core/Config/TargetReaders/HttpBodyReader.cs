using System.Globalization;
using System.Text.Json;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets.Http;
using CiGate.Core.Targets;
using CiGate.Core.Templating;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config.TargetReaders;

/// <summary>
/// Reads an http target's <c>body</c>: a string is one template for the whole body; a mapping or
/// list is a JSON tree whose quoted or text leaves are templates and whose unquoted numbers,
/// true, false and null are JSON values.
/// </summary>
internal static class HttpBodyReader
{
    public static HttpBody? Read(YamlNode node, YamlContext context)
    {
        if (node is YamlScalarNode scalar)
        {
            return Template(scalar, context) is { } whole ? HttpBody.Text(whole) : null;
        }

        var tree = Node(node, context);
        return tree is null ? null : HttpBody.Tree(tree);
    }

    /// <summary>Parses a scalar as a Scriban template; syntax errors are reported at their place in the YAML.</summary>
    public static ItemTemplate? Template(YamlScalarNode scalar, YamlContext context)
    {
        var block = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
        return ItemTemplate.Parse(
            scalar.Value ?? "",
            context.FileOf(scalar),
            (int)scalar.Start.Line,
            (int)scalar.Start.Column + (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0),
            block,
            context.Diagnostics);
    }

    private static BodyNode? Node(YamlNode node, YamlContext context)
    {
        switch (node)
        {
            case YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain && Literal(scalar.Value) is { } json:
                return new BodyNode.Literal(json);
            case YamlScalarNode scalar:
                return Template(scalar, context) is { } template ? new BodyNode.Leaf(template) : null;
            case YamlSequenceNode sequence:
                var items = sequence.Children.Select(child => Node(child, context)).ToList();
                return items.Any(i => i is null) ? null : new BodyNode.List(items!);
            case YamlMappingNode mapping:
                var members = new List<KeyValuePair<string, BodyNode>>(mapping.Children.Count);
                var ok = true;
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        context.Report(DiagnosticCodes.WrongType, key, "a body key must be a string");
                        ok = false;
                    }
                    else if (Node(value, context) is { } child)
                    {
                        members.Add(KeyValuePair.Create(name, child));
                    }
                    else
                    {
                        ok = false;
                    }
                }

                return ok ? new BodyNode.Map(members) : null;
            default:
                context.Report(DiagnosticCodes.WrongType, node, "a body value must be a string, number, true, false, null, list or mapping");
                return null;
        }
    }

    /// <summary>The JSON for an unquoted YAML scalar that is a number, boolean or null; null for text.</summary>
    private static string? Literal(string? value)
    {
        switch (value)
        {
            case null or "" or "~" or "null":
                return "null";
            case "true" or "True":
                return "true";
            case "false" or "False":
                return "false";
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? JsonSerializer.Serialize(number)
            : null;
    }
}
