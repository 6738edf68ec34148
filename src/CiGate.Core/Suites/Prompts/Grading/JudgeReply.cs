using System.Globalization;
using System.Text.Json;

namespace CiGate.Core.Suites.Prompts.Grading;

/// <summary>
/// Reads a judge's reply: the JSON object in it (bare, or in a ```json fence, or amid prose),
/// with `pass`, `score` and `reason` for a rubric, or `choice` for factuality. Anything else is a
/// reply the gate cannot trust, so it becomes an error, never a verdict.
/// </summary>
internal static class JudgeReply
{
    public static bool TryRubric(string reply, out bool? pass, out double? score, out string reason, out string problem)
    {
        (pass, score, reason) = (null, null, "");
        if (!TryObject(reply, out var root, out problem))
        {
            return false;
        }

        using (root)
        {
            var o = root.RootElement;
            reason = o.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? "" : "";
            if (o.TryGetProperty("pass", out var p))
            {
                pass = p.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String when bool.TryParse(p.GetString(), out var b) => b,
                    _ => null,
                };
            }

            if (o.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetDouble(out var value))
            {
                if (value is < 0 or > 1)
                {
                    problem = $"the judge's score {value.ToString("0.###", CultureInfo.InvariantCulture)} is outside 0..1";
                    return false;
                }

                score = value;
            }

            if (pass is null && score is null)
            {
                problem = "the judge's reply has neither 'pass' nor 'score'";
                return false;
            }

            return true;
        }
    }

    public static bool TryChoice(string reply, out char choice, out string reason, out string problem)
    {
        (choice, reason) = ('\0', "");
        if (!TryObject(reply, out var root, out problem))
        {
            return false;
        }

        using (root)
        {
            var o = root.RootElement;
            reason = o.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? "" : "";
            var text = o.TryGetProperty("choice", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()!.Trim().Trim('(', ')').ToUpperInvariant() : "";
            if (text.Length != 1 || text[0] is < 'A' or > 'E')
            {
                problem = "the judge's reply has no 'choice' from A to E";
                return false;
            }

            choice = text[0];
            return true;
        }
    }

    /// <summary>The JSON object in a judge's reply (bare, fenced or amid prose); every judge (rubric, refusal, moderation) reads its verdict from it.</summary>
    public static bool TryObject(string reply, out JsonDocument document, out string problem)
    {
        document = null!;
        var start = reply.IndexOf('{', StringComparison.Ordinal);
        var end = reply.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            problem = $"the judge's reply is not JSON: {Excerpt(reply)}";
            return false;
        }

        try
        {
            document = JsonDocument.Parse(reply.AsMemory(start, end - start + 1));
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                problem = "";
                return true;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        problem = $"the judge's reply is not a JSON object: {Excerpt(reply)}";
        return false;
    }

    public static string Excerpt(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 80 ? $"\"{line}\"" : $"\"{line[..80]}…\"";
    }
}
