using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts.Assertions;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// Reads a test case's <c>expect:</c>: <c>used</c>, <c>not_used</c>, <c>sequence</c> ({ mode, calls }),
/// <c>arguments</c> ([{ name, arguments }]), <c>steps</c> ({ min, max }) and <c>final_state</c>.
/// </summary>
internal static class TrajectoryReader
{
    private static readonly Dictionary<string, SequenceMode> Modes = new(StringComparer.Ordinal)
    {
        ["strict"] = SequenceMode.Strict,
        ["unordered"] = SequenceMode.Unordered,
        ["subset"] = SequenceMode.Subset,
        ["superset"] = SequenceMode.Superset,
    };

    public static TrajectoryExpect Read(MapReader? map, IReadOnlySet<string> tools)
    {
        if (map is null)
        {
            return TrajectoryExpect.None;
        }

        var used = Names(map, "used", tools);
        var notUsed = Names(map, "not_used", tools);
        SequenceMode? mode = null;
        IReadOnlyList<string> sequence = [];
        if (map.Map("sequence") is { } s)
        {
            mode = s.Choice("mode", Modes) ?? SequenceMode.Strict;
            sequence = Names(s, "calls", tools);
            s.Finish();
        }

        var arguments = new List<ArgumentExpectation>();
        var list = map.Sequence("arguments");
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            if (MapReader.From(list.Children[i], map.Context, $"{map.Section}.arguments[{i}]") is not { } entry)
            {
                continue;
            }

            var name = entry.String("name", required: true);
            var args = entry.Get("arguments") is { } a ? YamlJson.ToNode(a) as JsonObject : null;
            if (name is not null && !tools.Contains(name))
            {
                Unknown(map.Context, entry.Get("name")!, entry.Section, name);
            }
            else if (name is not null && args is not null)
            {
                arguments.Add(new ArgumentExpectation(name, args));
            }
            else if (name is not null)
            {
                map.Context.Report(
                    DiagnosticCodes.MissingKey, entry.Node, $"'{entry.Section}' needs 'arguments:', a mapping");
            }

            entry.Finish();
        }

        int? min = null, max = null;
        if (map.Map("steps") is { } steps)
        {
            min = steps.Int("min", 0);
            max = steps.Int("max", 0);
            steps.Finish();
        }

        var state = map.Get("final_state") is { } f ? YamlJson.ToNode(f) as JsonObject : null;
        map.Finish();
        return new TrajectoryExpect(used, notUsed, mode, sequence, arguments, min, max, state);
    }

    private static IReadOnlyList<string> Names(MapReader map, string key, IReadOnlySet<string> tools)
    {
        var names = map.Strings(key) ?? [];
        foreach (var name in names.Where(n => !tools.Contains(n)))
        {
            Unknown(map.Context, map.Get(key)!, $"{map.Section}.{key}", name);
        }

        return names;
    }

    private static void Unknown(YamlContext context, YamlNode node, string section, string name) =>
        context.Report(
            DiagnosticCodes.ToolsUnknownTool,
            node,
            $"'{section}' names '{name}', which the suite's tools do not declare");
}
