using CiGate.Simulator.Hashing;

namespace CiGate.Simulator;

/// <summary>
/// The category scores <c>POST /v1/moderations</c> returns, as a pure function of the text so a
/// test knows which input is flagged: each of the omni-moderation categories has a short keyword
/// list (whole words, any case). No keyword scores a small stable noise below 0.02, one keyword
/// <see cref="OneHit"/>, two or more <see cref="ManyHits"/>. A category is flagged at 0.5.
/// </summary>
public static class SimulatedModerationScores
{
    public const double OneHit = 0.62;
    public const double ManyHits = 0.93;
    public const double FlagAt = 0.5;

    private static readonly (string Category, string[] Words)[] Lists =
    [
        ("harassment", ["idiot", "worthless", "loser", "shut up", "pathetic"]),
        ("harassment/threatening", ["beat you", "i will find you", "you will regret"]),
        ("hate", ["subhuman", "vermin", "inferior race", "go back to your country"]),
        ("hate/threatening", ["wipe them out", "exterminate"]),
        ("illicit", ["cocaine", "launder", "counterfeit", "meth"]),
        ("illicit/violent", ["pipe bomb", "build a bomb"]),
        ("self-harm", ["kill yourself", "cut yourself", "end your life"]),
        ("self-harm/intent", ["i want to die", "end my life"]),
        ("self-harm/instructions", ["lethal dose", "how to overdose"]),
        ("sexual", ["explicit sex", "nude", "porn"]),
        ("sexual/minors", []),
        ("violence", ["kill", "murder", "stab", "beat you", "shoot"]),
        ("violence/graphic", ["gore", "dismember", "blood everywhere"]),
    ];

    public static IEnumerable<string> Categories => Lists.Select(l => l.Category);

    /// <summary>Every category's score for <paramref name="text"/>, in the fixed category order.</summary>
    public static IReadOnlyList<(string Category, double Score)> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var textHash = StableHash.OfText(lower);
        return [.. Lists.Select(l =>
        {
            var hits = l.Words.Count(w => ContainsWord(lower, w));
            var noise = StableHash.Unit(StableHash.Mix(textHash ^ StableHash.OfText(l.Category))) * 0.02;
            return (l.Category, hits switch { 0 => Math.Round(noise, 6), 1 => OneHit, _ => ManyHits });
        })];
    }

    private static bool ContainsWord(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }
}
