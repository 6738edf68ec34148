using System.Buffers;
using System.Text.Json;
using CiGate.Simulator.Hashing;

namespace CiGate.Simulator.Judge;

/// <summary>
/// The simulator as a pairwise judge, recognised by a prompt holding a <c>```first</c> and a
/// <c>```second</c> fence. The unbiased verdict: the answer holding more of the phrases quoted on
/// the prompt's <c>Criteria:</c> line wins (case-insensitively); equal counts are a tie. Then the
/// biases of <see cref="PairwiseJudgeOptions"/> apply, each drawn from (seed, the prompt as shown),
/// so the two orders of one item get independent draws. Replies
/// <c>{"winner":"first"|"second"|"tie","reason":"..."}</c>.
/// </summary>
public static class SimulatedPairwiseJudge
{
    public const string CriteriaLabel = "Criteria:";

    /// <summary>A ```first and a ```second fence and no ```output fence (a graded output may quote such fences).</summary>
    public static bool IsPairwisePrompt(string text) =>
        text is not null
        && JudgeFences.Last(text, "first") is not null
        && JudgeFences.Last(text, "second") is not null
        && JudgeFences.Last(text, "output") is null;

    public static string Evaluate(string prompt, int seed, PairwiseJudgeOptions? options)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var first = JudgeFences.Last(prompt, "first") ?? "";
        var second = JudgeFences.Last(prompt, "second") ?? "";
        var phrases = SimulatedJudge.QuotedPhrases(CriteriaLine(prompt));
        var firstHits = phrases.Count(p => first.Contains(p, StringComparison.OrdinalIgnoreCase));
        var secondHits = phrases.Count(p => second.Contains(p, StringComparison.OrdinalIgnoreCase));
        var winner = firstHits > secondHits ? "first" : secondHits > firstHits ? "second" : "tie";
        var reason = $"The first answer meets {firstHits} and the second {secondHits} of {phrases.Count} criteria.";
        if (options is not null)
        {
            var key = StableHash.OfText(prompt);
            double Draw(HashSalt salt) => StableHash.Unit(StableHash.Derive(key, seed, salt));
            if (Draw(HashSalt.PairwiseNoise) < options.Noise)
            {
                winner = Draw(HashSalt.PairwiseNoiseSide) < 0.5 ? "first" : "second";
                reason = "Both answers have merit; on balance one reads better.";
            }

            if (first.Length != second.Length && Draw(HashSalt.PairwiseLength) < options.LengthBias)
            {
                winner = first.Length > second.Length ? "first" : "second";
                reason = "The more thorough answer is better.";
            }

            if (Draw(HashSalt.PairwisePosition) < options.PositionBias)
            {
                winner = "first";
                reason = "The first answer is better.";
            }
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("winner", winner);
            w.WriteString("reason", reason);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // The text after "Criteria:" on its line, outside the answer fences (the last such line before them).
    private static string CriteriaLine(string prompt)
    {
        var fenceStart = prompt.IndexOf("```", StringComparison.Ordinal);
        var head = fenceStart < 0 ? prompt : prompt[..fenceStart];
        var at = head.LastIndexOf(CriteriaLabel, StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }

        var rest = head[(at + CriteriaLabel.Length)..];
        var end = rest.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }
}
