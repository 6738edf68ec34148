using CiGate.Core.Diagnostics;

namespace CiGate.Core.Config;

/// <summary>Reads a suite's `gate:` section.</summary>
internal static class GateReader
{
    private static readonly Dictionary<string, ModelChangePolicy> ModelChangePolicies = new(StringComparer.Ordinal)
    {
        ["expected"] = ModelChangePolicy.Expected,
        ["unexpected"] = ModelChangePolicy.Unexpected,
    };

    private static readonly Dictionary<string, DefinitionChangePolicy> DefinitionChangePolicies = new(StringComparer.Ordinal)
    {
        ["warn"] = DefinitionChangePolicy.Warn,
        ["fail"] = DefinitionChangePolicy.Fail,
        ["accept"] = DefinitionChangePolicy.Accept,
    };

    /// <param name="kind">The suite's kind: `mode: cases` and `critical` need a kind with test cases.</param>
    public static GateSettings Read(MapReader? map, string? kind = null)
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
            map.Int("max_newly_failing", 0),
            ReadMode(map));
        if (map.Bool("critical") is { } critical)
        {
            settings = settings with { Critical = critical };
        }

        if (kind is not null && !GateModes.HasCases(kind))
        {
            if (settings.Mode == GateMode.Cases)
            {
                map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("mode")!, $"'{map.Section}.mode: cases' needs a suite of test cases ({string.Join(", ", GateModes.TestCaseKinds)}); a {kind} suite is a sample and is gated by 'mode: statistical'");
            }

            if (settings.Critical)
            {
                map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("critical")!, $"'{map.Section}.critical' applies to suites of test cases ({string.Join(", ", GateModes.TestCaseKinds)}), not to a {kind} suite; use 'min' or 'floors' for a hard limit");
            }
        }

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

        if (map.Choice("model_change", ModelChangePolicies) is { } modelChange)
        {
            settings = settings with { ModelChange = modelChange };
        }

        if (settings.WarnDrop > settings.MaxDrop && map.Get("warn_drop") is { } node)
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, node, $"'{map.Section}.warn_drop' ({settings.WarnDrop}) is larger than max_drop ({settings.MaxDrop}); a warning must come before a failure");
        }

        map.Finish();
        return settings;
    }

    private static GateMode? ReadMode(MapReader map)
    {
        var mode = map.String("mode");
        switch (mode)
        {
            case null:
                return null;
            case "cases":
                return GateMode.Cases;
            case "statistical":
                return GateMode.Statistical;
            default:
                map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("mode")!, $"'{map.Section}.mode' must be 'cases' (every newly failing case fails) or 'statistical' (a significant drop fails), not '{mode}'");
                return null;
        }
    }
}
