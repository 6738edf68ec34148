using System.Text.Json;
using CiGate.Core.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiGate.Simulator.Scripts;

/// <summary>
/// Reads a script file into raw rules: (where, fields) with scalars as text and sequences as string
/// lists. The top level is a list of rules, or a mapping whose <c>rules</c> key holds that list.
/// </summary>
internal static class ScriptFileReader
{
    public static List<(string Where, Dictionary<string, object> Fields)> Read(string path, string text) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(text) : ReadYaml(text);

    private static List<(string, Dictionary<string, object>)> ReadYaml(string text)
    {
        YamlStream stream;
        try
        {
            stream = YamlBounds.Load(text);
        }
        catch (YamlBoundsException ex)
        {
            throw new InvalidDataException($"line {ex.Start.Line}, column {ex.Start.Column}: {ex.Reason}", ex);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"line {ex.Start.Line}: {ex.Message}", ex);
        }

        var rules = new List<(string, Dictionary<string, object>)>();
        if (stream.Documents.Count == 0)
        {
            return rules;
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("rules"), out var inner))
        {
            root = inner;
        }

        if (root is not YamlSequenceNode sequence)
        {
            throw new InvalidDataException($"line {root.Start.Line}: expected a list of rules (or 'rules:' with one).");
        }

        foreach (var item in sequence)
        {
            var where = $"line {item.Start.Line}";
            if (item is not YamlMappingNode rule)
            {
                throw new InvalidDataException($"{where}: each rule must be a mapping with match and reply/replies.");
            }

            var fields = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (key, value) in rule.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? throw new InvalidDataException($"{where}: keys must be plain names.");
                if (value is YamlScalarNode scalar)
                {
                    if (!IsYamlNull(scalar))
                    {
                        fields[name] = scalar.Value ?? "";
                    }
                }
                else if (value is YamlSequenceNode items && items.All(i => i is YamlScalarNode))
                {
                    fields[name] = items.Cast<YamlScalarNode>().Select(i => i.Value ?? "").ToList();
                }
                else
                {
                    throw new InvalidDataException($"line {value.Start.Line}: '{name}' must be a value or a list of values.");
                }
            }

            rules.Add((where, fields));
        }

        return rules;
    }

    private static bool IsYamlNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static List<(string, Dictionary<string, object>)> ReadJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"line {(ex.LineNumber ?? 0) + 1}: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rules", out var inner))
            {
                root = inner;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("expected an array of rules (or {\"rules\": [...]}).");
            }

            var rules = new List<(string, Dictionary<string, object>)>();
            foreach (var item in root.EnumerateArray())
            {
                var where = $"rule {rules.Count + 1}";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"{where}: each rule must be an object with match and reply/replies.");
                }

                var fields = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var property in item.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        fields[property.Name] = property.Value.EnumerateArray().Select(v => Scalar(v, where, property.Name)).ToList();
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        fields[property.Name] = Scalar(property.Value, where, property.Name);
                    }
                }

                rules.Add((where, fields));
            }

            return rules;
        }
    }

    private static string Scalar(JsonElement value, string where, string name) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => throw new InvalidDataException($"{where}: '{name}' must be a string, number, boolean or a list of them."),
    };
}
