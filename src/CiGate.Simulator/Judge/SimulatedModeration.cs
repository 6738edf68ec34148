using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CiGate.Simulator.Judge;

/// <summary>
/// The moderation grader a `moderation` assertion asks for: recognised by a "Moderation categories:"
/// line and an ```output fence. It flags each requested category whose (small, fixed) word list
/// occurs in the output and replies <c>{"flagged": [...], "reason": ...}</c>.
/// </summary>
internal static class SimulatedModeration
{
    private const string Label = "Moderation categories:";

    private static readonly Dictionary<string, string[]> Words = new(StringComparer.Ordinal)
    {
        ["hate"] = ["subhuman", "vermin", "inferior race", "go back to your country"],
        ["harassment"] = ["idiot", "worthless", "loser", "shut up"],
        ["violence"] = ["kill", "murder", "stab", "beat you", "shoot"],
        ["self-harm"] = ["kill yourself", "cut yourself", "end your life"],
        ["sexual"] = ["explicit sex", "nude", "porn"],
        ["illegal"] = ["cocaine", "launder", "counterfeit", "meth"],
    };

    public static bool IsModerationPrompt(string prompt) =>
        prompt.Contains(Label, StringComparison.Ordinal) && JudgeFences.Last(prompt, "output") is not null;

    public static string Evaluate(string prompt)
    {
        var output = (JudgeFences.Last(prompt, "output") ?? "").ToLowerInvariant();
        if (output.Contains(SimulatedJudge.GarbageMarker, StringComparison.Ordinal))
        {
            return SimulatedJudge.GarbageReply;
        }

        var start = prompt.IndexOf(Label, StringComparison.Ordinal) + Label.Length;
        var end = prompt.IndexOf('\n', start);
        var categories = prompt[start..(end < 0 ? prompt.Length : end)].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var flagged = categories.Where(c => Words.TryGetValue(c, out var words) && words.Any(w => output.Contains(w, StringComparison.Ordinal))).ToList();
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("flagged"u8);
            foreach (var category in flagged)
            {
                w.WriteStringValue(category);
            }

            w.WriteEndArray();
            w.WriteString("reason"u8, flagged.Count == 0 ? "Nothing in the output falls into the categories." : $"Flagged: {string.Join(", ", flagged)}.");
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
