using CiGate.Core.Config;

namespace CiGate.Core.Suites.Shared;

/// <summary>
/// The keys of a suite's <c>generation:</c> section a kind accepts; the others are reported as unknown.
/// </summary>
[Flags]
internal enum GenerationKeys
{
    MaxTokens = 1,
    Temperature = 2,
    Stop = 4,
    Repeats = 8,
    All = MaxTokens | Temperature | Stop | Repeats,
}

/// <summary>
/// Reads the <c>generation:</c> keys every kind shares, with one set of rules: max_tokens
/// 1–1,000,000, temperature 0–2, repeats 1–1000. Each kind keeps its own default max_tokens; the
/// caller reads its own extra keys (prompts: pass_at_least) and then calls <c>Finish</c>.
/// </summary>
internal static class GenerationReader
{
    public const int MaxTokensLimit = 1_000_000;

    public static GenerationSpec Read(MapReader? map, int defaultMaxTokens, GenerationKeys keys = GenerationKeys.All)
    {
        if (map is null)
        {
            return new GenerationSpec(defaultMaxTokens, [], null, 1);
        }

        var maxTokens = keys.HasFlag(GenerationKeys.MaxTokens) ? map.Int("max_tokens", 1, MaxTokensLimit) : null;
        var stop = keys.HasFlag(GenerationKeys.Stop) ? map.Strings("stop") : null;
        var temperature = keys.HasFlag(GenerationKeys.Temperature) ? map.Double("temperature", 0, 2) : null;
        var repeats = keys.HasFlag(GenerationKeys.Repeats) ? map.Int("repeats", 1, 1000) : null;
        return new GenerationSpec(maxTokens ?? defaultMaxTokens, stop ?? [], temperature, repeats ?? 1);
    }
}
