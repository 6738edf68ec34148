namespace CiGate.Core.Config;

/// <summary>A suite's <c>reuse: { canary: 30, max_flip_rate: 0.02, fallback: run | inconclusive }</c>.</summary>
internal static class ReuseReader
{
    private static readonly Dictionary<string, bool> Fallbacks = new(StringComparer.Ordinal)
    {
        ["run"] = true,
        ["inconclusive"] = false,
    };

    public static ReuseSettings Read(MapReader? map)
    {
        if (map is null)
        {
            return ReuseSettings.Default;
        }

        var settings = new ReuseSettings(
            map.Int("canary", 0, 100_000) ?? ReuseSettings.DefaultCanary,
            map.Double("max_flip_rate", 0, 1) ?? ReuseSettings.Default.MaxFlipRate,
            map.Choice("fallback", Fallbacks) ?? true);
        map.Finish();
        return settings;
    }
}
