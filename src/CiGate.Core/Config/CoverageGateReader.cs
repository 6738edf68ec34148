using CiGate.Core.Diagnostics;

namespace CiGate.Core.Config;

/// <summary>Reads the config's top-level <c>coverage:</c> section, the gate of <c>cigate coverage</c>.</summary>
internal static class CoverageGateReader
{
    public static CoverageGateSettings? Read(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var gate = new CoverageGateSettings(map.Double("min", 0, 1), map.Double("warn_min", 0, 1));
        if (gate is { Min: { } min, WarnMin: { } warnMin } && warnMin < min && map.Get("warn_min") is { } node)
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, node,
                $"'{map.Section}.warn_min' ({warnMin}) is below min ({min}); a warning must come before a failure");
        }

        if (gate is { Min: null, WarnMin: null })
        {
            map.Context.Report(DiagnosticCodes.MissingKey, map.Node, $"'{map.Section}' needs 'min' or 'warn_min'");
        }

        map.Finish();
        return gate;
    }
}
