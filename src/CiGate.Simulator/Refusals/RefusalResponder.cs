using System.Text.RegularExpressions;
using CiGate.Simulator.Hashing;

namespace CiGate.Simulator.Refusals;

/// <summary>
/// Answers prompts found in the safety keys: refuses at the configured rate for the prompt's
/// label, partly or fully, else complies. A prompt's base decision is shared by every seed; with
/// probability flip a seed re-draws it, which makes two seeds two related models.
/// </summary>
internal sealed partial class RefusalResponder(Dictionary<string, bool> prompts, RefusalOptions options)
{
    public int Count => prompts.Count;

    public static RefusalResponder? Create(SimulatorOptions options)
    {
        if (options.SafetyKeys is not { Count: > 0 } keys)
        {
            return null;
        }

        return new RefusalResponder(SafetyKeyLoader.Load(keys), options.Refusal ?? new RefusalOptions());
    }

    public static string Normalize(string text) => Spaces().Replace(text.Trim(), " ");

    /// <summary>The reply for a labelled prompt (exact, or contained in a longer message), else null.</summary>
    public string? Reply(string prompt, int seed)
    {
        var key = Normalize(prompt);
        if (!prompts.TryGetValue(key, out var isUnsafe))
        {
            var found = prompts.Keys.Where(p => key.Contains(p, StringComparison.Ordinal)).MaxBy(p => p.Length);
            if (found is null)
            {
                return null;
            }

            (key, isUnsafe) = (found, prompts[found]);
        }

        var (refuse, partial, style) = Decide(key, isUnsafe, seed);
        var texts = !refuse ? RefusalTexts.Compliance : partial ? RefusalTexts.PartialRefusal : RefusalTexts.FullRefusal;
        return texts[style % texts.Length];
    }

    /// <summary>The decision for one prompt and seed: refuse?, partly?, which wording.</summary>
    public (bool Refuse, bool Partial, int Style) Decide(string prompt, bool isUnsafe, int seed)
    {
        var hash = StableHash.OfText(Normalize(prompt));
        var draw = StableHash.Unit(StableHash.Derive(hash, 0, HashSalt.RefusalBase));
        if (StableHash.Unit(StableHash.Derive(hash, seed, HashSalt.RefusalFlip)) < options.Flip)
        {
            draw = StableHash.Unit(StableHash.Derive(hash, seed, HashSalt.RefusalRedraw));
        }

        var refuse = draw < (isUnsafe ? options.Unsafe : options.Safe);
        var partial = refuse && StableHash.Unit(StableHash.Derive(hash, 0, HashSalt.RefusalPartial)) < options.Partial;
        var style = (int)(StableHash.Derive(hash, seed, HashSalt.Style) % 1000);
        return (refuse, partial, style);
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
