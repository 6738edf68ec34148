using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CiGate.Simulator.Judge;

/// <summary>
/// The simulator's factuality grader: compares the judged output with the reference as sets of
/// normalised words and answers with one of the OpenAI evals "fact" choices, as JSON
/// <c>{"choice":"A".."E","reason":"..."}</c>: C same words, B output adds to the reference,
/// A output is part of the reference, E they mostly overlap (Jaccard ≥ 0.5), D otherwise.
/// </summary>
internal static class SimulatedFactuality
{
    public static string Grade(string output, string reference)
    {
        var said = Words(output);
        var expected = Words(reference);
        var (choice, reason) = said.SetEquals(expected) ? ("C", "The submission states the same facts as the expert answer.")
            : said.IsSupersetOf(expected) ? ("B", "The submission contains the expert answer and adds to it.")
            : said.IsSubsetOf(expected) ? ("A", "The submission is a subset of the expert answer and consistent with it.")
            : Jaccard(said, expected) >= 0.5 ? ("E", "The answers differ in wording, not in facts.")
            : ("D", "The submission disagrees with the expert answer.");

        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("choice"u8, choice);
            w.WriteString("reason"u8, reason);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var union = a.Count + b.Count - a.Count(b.Contains);
        return union == 0 ? 1 : (double)a.Count(b.Contains) / union;
    }
}
