using System.Globalization;
using System.Text.RegularExpressions;
using CiGate.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config;

/// <summary>
/// Reads one YAML mapping into typed values, reporting wrong types and, at <see cref="Finish"/>,
/// every key nobody asked for. The keys a section asks for are, by construction, its schema.
/// </summary>
internal sealed class MapReader
{
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    private MapReader(YamlMappingNode node, YamlContext context, string section)
    {
        Node = node;
        Context = context;
        Section = section;
    }

    public YamlMappingNode Node { get; }

    public YamlContext Context { get; }

    public string Section { get; }

    public static MapReader? From(YamlNode? node, YamlContext context, string section)
    {
        if (node is YamlMappingNode map)
        {
            Schema.ConfigSchemaRecorder.Current?.Section(section);
            return new MapReader(map, context, section);
        }

        if (node is not null && !IsNull(node))
        {
            context.Report(DiagnosticCodes.WrongType, node, $"'{section}' must be a mapping of keys");
        }

        return null;
    }

    /// <summary>The raw node: the caller reads whatever forms it accepts (the schema then allows any value).</summary>
    public YamlNode? Get(string key)
    {
        Schema.ConfigSchemaRecorder.Current?.Key(Section, key, "any");
        return Find(key);
    }

    private YamlNode? Find(string key)
    {
        known.Add(key);
        Schema.ConfigSchemaRecorder.Current?.Key(Section, key);
        return Node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;
    }

    public bool Has(string key) => Find(key) is not null;

    public string? String(string key, bool required = false)
    {
        Schema.ConfigSchemaRecorder.Current?.Key(Section, key, "string");
        var node = Find(key);
        if (node is null)
        {
            if (required)
            {
                Context.Report(DiagnosticCodes.MissingKey, Node, $"'{Section}' is missing the required key '{key}'");
            }

            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        Context.Report(DiagnosticCodes.WrongType, node, $"'{Section}.{key}' must be a string");
        return null;
    }

    public int? Int(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        Schema.ConfigSchemaRecorder.Current?.Key(Section, key, "integer");
        var node = Find(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            if (value < min || value > max)
            {
                Context.Report(DiagnosticCodes.InvalidValue, node, $"'{Section}.{key}' must be {RangeText(min, max)}, not {value}");
                return null;
            }

            return value;
        }

        Context.Report(DiagnosticCodes.WrongType, node, $"'{Section}.{key}' must be an integer");
        return null;
    }

    public double? Double(string key, double min = double.MinValue, double max = double.MaxValue)
    {
        Schema.ConfigSchemaRecorder.Current?.Key(Section, key, "number");
        var node = Find(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            if (value < min || value > max)
            {
                Context.Report(DiagnosticCodes.InvalidValue, node, $"'{Section}.{key}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {text}");
                return null;
            }

            return value;
        }

        Context.Report(DiagnosticCodes.WrongType, node, $"'{Section}.{key}' must be a number");
        return null;
    }

    public bool? Bool(string key)
    {
        Schema.ConfigSchemaRecorder.Current?.Key(Section, key, "boolean");
        var node = Find(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode { Value: "true" or "True" or "yes" or "on" }:
                return true;
            case YamlScalarNode { Value: "false" or "False" or "no" or "off" }:
                return false;
            default:
                Context.Report(DiagnosticCodes.WrongType, node, $"'{Section}.{key}' must be true or false");
                return null;
        }
    }

    /// <summary>Durations as "250ms", "30s", "2m", "1h" or a bare number of seconds.</summary>
    public TimeSpan? Duration(string key)
    {
        Schema.ConfigSchemaRecorder.Current?.Key(Section, key, "duration");
        var node = Find(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text } && DurationParser.TryParse(text, out var value))
        {
            return value;
        }

        Context.Report(DiagnosticCodes.InvalidValue, node, $"'{Section}.{key}' must be a duration such as 500ms, 30s or 2m");
        return null;
    }

    /// <summary>A single string or a list of strings.</summary>
    public IReadOnlyList<string>? Strings(string key)
    {
        Schema.ConfigSchemaRecorder.Current?.Key(Section, key, "strings");
        var node = Find(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return [scalar.Value ?? ""];
            case YamlSequenceNode sequence:
                var list = new List<string>(sequence.Children.Count);
                foreach (var child in sequence.Children)
                {
                    if (child is YamlScalarNode item)
                    {
                        list.Add(item.Value ?? "");
                    }
                    else
                    {
                        Context.Report(DiagnosticCodes.WrongType, child, $"'{Section}.{key}' must be a list of strings");
                    }
                }

                return list;
            default:
                Context.Report(DiagnosticCodes.WrongType, node, $"'{Section}.{key}' must be a string or a list of strings");
                return null;
        }
    }

    public MapReader? Map(string key) => From(Find(key), Context, $"{Section}.{key}");

    public YamlSequenceNode? Sequence(string key)
    {
        Schema.ConfigSchemaRecorder.Current?.Key(Section, key, "array");
        var node = Find(key);
        if (node is null or YamlSequenceNode)
        {
            return (YamlSequenceNode?)node;
        }

        Context.Report(DiagnosticCodes.WrongType, node, $"'{Section}.{key}' must be a list");
        return null;
    }

    public Regex? Regex(string key, RegexOptions options = RegexOptions.None)
    {
        var pattern = String(key);
        return pattern is null ? null : RegexParser.Compile(pattern, options, Find(key)!, Context, $"{Section}.{key}");
    }

    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        Schema.ConfigSchemaRecorder.Current?.Choice(Section, key, choices.Keys);
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        Context.Report(DiagnosticCodes.InvalidValue, Find(key)!, $"'{Section}.{key}' must be one of {string.Join(", ", choices.Keys)}, not '{text}'");
        return null;
    }

    /// <summary>The entries of a name → definition mapping, such as targets: or suites:.</summary>
    public IEnumerable<(string Name, YamlNode KeyNode, YamlNode Value)> Entries()
    {
        Schema.ConfigSchemaRecorder.Current?.Named(Section);
        foreach (var (keyNode, value) in Node.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? "";
            known.Add(name);
            yield return (name, keyNode, value);
        }
    }

    public void Finish()
    {
        foreach (var keyNode in Node.Children.Keys)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(key))
            {
                var hint = Suggest.Closest(key, known);
                var tail = hint is null ? $"known keys: {string.Join(", ", known.Order(StringComparer.Ordinal))}" : $"did you mean '{hint}'?";
                Context.Report(DiagnosticCodes.UnknownKey, keyNode, $"unknown key '{key}' in '{Section}'; {tail}");
            }
        }
    }

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: null or "" or "~" or "null" };

    private static string RangeText(int min, int max) => (min, max) switch
    {
        (int.MinValue, _) => $"at most {max}",
        (_, int.MaxValue) => $"at least {min}",
        _ => $"between {min} and {max}",
    };
}
