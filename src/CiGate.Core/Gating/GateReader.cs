using CiGate.Core.Config;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Gating;

/// <summary>Reads a suite's `gate:` section.</summary>
internal static class GateReader
{
    private static readonly Dictionary<string, DefinitionChangePolicy> DefinitionChangePolicies = new(StringComparer.Ordinal)
    {
        ["warn"] = DefinitionChangePolicy.Warn,
        ["fail"] = DefinitionChangePolicy.Fail,
        ["accept"] = DefinitionChangePolicy.Accept,
    };

    public static GateSettings Read(MapReader? map)
    {
        if (map is null)
        {
            return GateSettings.Default;
        }

        var d = GateSettings.Default;
        var settings = new GateSettings(
            map.String("metric"),
            map.Double("max_drop", 0, 100) ?? d.MaxDrop,
            map.Double("warn_drop", 0, 100) ?? d.WarnDrop,
            map.Double("alpha", 0, 1) ?? d.Alpha,
            map.Double("min", 0, double.MaxValue),
            map.Double("warn_min", 0, double.MaxValue),
            map.Double("max_error_rate", 0, 1) ?? d.MaxErrorRate,
            map.Double("max_invalid_rate", 0, 1) ?? d.MaxInvalidRate,
            map.Int("max_newly_failing", 0));
        if (map.Map("floors") is { } floors)
        {
            var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, _, _) in floors.Entries().ToList())
            {
                if (floors.Double(name, 0, double.MaxValue) is { } floor)
                {
                    values[name] = floor;
                }
            }

            settings = settings with { Floors = values };
        }

        if (map.Strings("also") is { Count: > 0 } also)
        {
            settings = settings with { Also = also };
        }

        if (map.Choice("on_definition_change", DefinitionChangePolicies) is { } policy)
        {
            settings = settings with { OnDefinitionChange = policy };
        }

        if (settings.WarnDrop > settings.MaxDrop && map.Get("warn_drop") is { } node)
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, node, $"'{map.Section}.warn_drop' ({settings.WarnDrop}) is larger than max_drop ({settings.MaxDrop}); a warning must come before a failure");
        }

        map.Finish();
        return settings;
    }
}
