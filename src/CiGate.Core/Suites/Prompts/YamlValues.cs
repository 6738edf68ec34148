using CiGate.Core.Config;
using CiGate.Core.Text;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts;

/// <summary>YAML values as plain CLR values (strings, lists, maps) for templates and hashing.</summary>
internal static class YamlValues
{
    public static Dictionary<string, object?> Vars(MapReader? map)
    {
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (map is null)
        {
            return vars;
        }

        foreach (var (name, _, value) in map.Entries())
        {
            vars[name] = Plain(value);
        }

        return vars;
    }

    public static object? Plain(YamlNode node) => node switch
    {
        YamlScalarNode scalar when MapReader.IsNull(scalar) => null,
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(Plain).ToList(),
        YamlMappingNode mapping => mapping.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? "", p => Plain(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>Each assertion as canonical JSON: part of the suite definition, so an edited assertion is a visible change.</summary>
    public static IReadOnlyList<string> Sources(YamlSequenceNode list) => [.. list.Children.Select(n => PlainJson.Compact(Plain(n)))];
}
