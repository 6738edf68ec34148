using System.Text;
using System.Text.RegularExpressions;

namespace CiGate.Core.Suites.Prompts.Assertions.Guardrails.Languages;

/// <summary>
/// A small offline language identifier. First the dominant Unicode script: Cyrillic (Russian or
/// Ukrainian by their own letters), Greek, Arabic (Persian by its extra letters), Hebrew,
/// Devanagari (Hindi), Thai, Hangul, kana (Japanese), Han (Chinese). Latin-script text is scored
/// against 16 profiles (profiles.txt): the share of words that are the language's function words,
/// plus its typical letters. Deterministic and fast. Limits: it needs a sentence or two (under three
/// words is "too short"); close pairs (Danish/Norwegian, Spanish/Portuguese on short text,
/// Czech/Slovak, Serbian Cyrillic, Malay/Indonesian) can be confused; code and proper names dilute
/// the signal; mixed-language text gets the majority language.
/// </summary>
internal static partial class Identifier
{
    private static readonly IReadOnlyList<LatinProfile> Profiles = Load();

    private static readonly Dictionary<string, string> ScriptNames = new(StringComparer.Ordinal)
    {
        ["ru"] = "Russian", ["uk"] = "Ukrainian", ["el"] = "Greek", ["ar"] = "Arabic", ["fa"] = "Persian", ["he"] = "Hebrew",
        ["hi"] = "Hindi", ["th"] = "Thai", ["ko"] = "Korean", ["ja"] = "Japanese", ["zh"] = "Chinese",
    };

    public static IReadOnlyList<string> Codes { get; } = [.. Profiles.Select(p => p.Code).Concat(ScriptNames.Keys).Order(StringComparer.Ordinal)];

    public static string NameOf(string code) =>
        Profiles.FirstOrDefault(p => p.Code == code)?.Name ?? ScriptNames.GetValueOrDefault(code, code);

    /// <summary>An ISO 639-1 code or an English language name (any case) to its code.</summary>
    public static string? Resolve(string text)
    {
        var key = text.Trim().ToLowerInvariant();
        return Codes.Contains(key) ? key : Codes.FirstOrDefault(c => NameOf(c).Equals(key, StringComparison.OrdinalIgnoreCase));
    }

    public static LanguageGuess Identify(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune) && ScriptOf(rune.Value) is { } script)
            {
                counts[script] = counts.GetValueOrDefault(script) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return new LanguageGuess(null, TooShort: true);
        }

        var dominant = counts.MaxBy(p => p.Value).Key;
        return dominant switch
        {
            "latin" => Latin(text),
            "cyrillic" => new LanguageGuess(text.AsSpan().IndexOfAny("іїєґІЇЄҐ") >= 0 ? "uk" : "ru", false),
            "arabic" => new LanguageGuess(text.AsSpan().IndexOfAny("پچژگ") >= 0 ? "fa" : "ar", false),
            "han" => new LanguageGuess(counts.ContainsKey("kana") ? "ja" : "zh", false),
            "kana" => new LanguageGuess("ja", false),
            _ => new LanguageGuess(dominant, false),
        };
    }

    private static LanguageGuess Latin(string text)
    {
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (words.Count < 3)
        {
            return new LanguageGuess(null, TooShort: true);
        }

        var lower = text.ToLowerInvariant();
        var best = (Code: (string?)null, Score: 0.0);
        foreach (var profile in Profiles)
        {
            var hits = words.Count(profile.Words.Contains);
            var letters = profile.Letters.Length == 0 ? 0 : lower.Count(c => profile.Letters.Contains(c, StringComparison.Ordinal));
            var score = ((double)hits / words.Count) + (0.5 * Math.Min(letters, words.Count) / words.Count);
            if (score > best.Score)
            {
                best = (profile.Code, score);
            }
        }

        return best.Score < 0.08 ? new LanguageGuess(null, TooShort: false) : new LanguageGuess(best.Code, false);
    }

    private static string? ScriptOf(int c) => c switch
    {
        <= 0x024F => "latin",
        >= 0x1E00 and <= 0x1EFF => "latin",
        >= 0x0370 and <= 0x03FF => "el",
        >= 0x0400 and <= 0x04FF => "cyrillic",
        >= 0x0590 and <= 0x05FF => "he",
        >= 0x0600 and <= 0x06FF => "arabic",
        >= 0x0900 and <= 0x097F => "hi",
        >= 0x0E00 and <= 0x0E7F => "th",
        >= 0x1100 and <= 0x11FF => "ko",
        >= 0xAC00 and <= 0xD7AF => "ko",
        >= 0x3040 and <= 0x30FF => "kana",
        >= 0x4E00 and <= 0x9FFF => "han",
        _ => null,
    };

    private static List<LatinProfile> Load()
    {
        using var stream = typeof(Identifier).Assembly.GetManifestResourceStream("languages/profiles.txt")
            ?? throw new InvalidOperationException("the embedded language profiles are missing");
        using var reader = new StreamReader(stream);
        var profiles = new List<LatinProfile>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('|');
            profiles.Add(new LatinProfile(parts[0], parts[1], parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), parts[3]));
        }

        return profiles;
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Word();
}
