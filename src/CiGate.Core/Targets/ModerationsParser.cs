using System.Text;
using System.Text.Json;

namespace CiGate.Core.Targets;

/// <summary>
/// Reads an OpenAI moderations response (<c>results[]</c>, <c>model</c>). Only the envelope is
/// checked here (JSON, one result object per input): a broken envelope is a bad response and is
/// retried like any other. The results array itself travels as the response text, so it goes
/// through the same cache as a completion, and <see cref="Decode"/> reads each verdict leniently:
/// a missing or garbled field becomes null plus a <see cref="ModerationResult.Problem"/>, for the
/// assertion to report as an error.
/// </summary>
internal static class ModerationsParser
{
    public static bool TryParse(ReadOnlySpan<byte> json, int expected, out ParsedCompletion result, out string problem)
    {
        result = default;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                problem = "moderations response has no 'results' array";
                return false;
            }

            if (results.GetArrayLength() != expected || results.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.Object))
            {
                problem = $"moderations response has {results.GetArrayLength()} results for {expected} inputs (each must be an object)";
                return false;
            }

            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            result = new ParsedCompletion(results.GetRawText(), null, null, model, null);
            problem = "";
            return true;
        }
        catch (JsonException e)
        {
            problem = "moderations response is not valid JSON: " + e.Message;
            return false;
        }
    }

    /// <summary>The verdicts in a results array that <see cref="TryParse"/> accepted (possibly from the cache).</summary>
    public static IReadOnlyList<ModerationResult> Decode(string resultsJson)
    {
        using var document = JsonDocument.Parse(resultsJson);
        return [.. document.RootElement.EnumerateArray().Select(Read)];
    }

    private static ModerationResult Read(JsonElement result)
    {
        var problems = new StringBuilder();
        bool? flagged = result.TryGetProperty("flagged", out var f) && f.ValueKind is JsonValueKind.True or JsonValueKind.False ? f.GetBoolean() : null;
        if (flagged is null)
        {
            problems.Append("no boolean 'flagged'; ");
        }

        var categories = Map(result, "categories", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : (bool?)null, problems);
        var scores = Map(result, "category_scores", v => v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : (double?)null, problems);
        return new ModerationResult(flagged, categories, scores, problems.Length == 0 ? null : problems.ToString().TrimEnd(' ', ';'));
    }

    private static Dictionary<string, T>? Map<T>(JsonElement result, string name, Func<JsonElement, T?> read, StringBuilder problems)
        where T : struct
    {
        if (!result.TryGetProperty(name, out var node) || node.ValueKind != JsonValueKind.Object)
        {
            problems.Append("no '").Append(name).Append("' object; ");
            return null;
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var entry in node.EnumerateObject())
        {
            // Some servers send null for categories a model does not cover; those are simply absent.
            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (read(entry.Value) is not { } value)
            {
                problems.Append('\'').Append(name).Append('.').Append(entry.Name).Append("' is not a ").Append(typeof(T) == typeof(bool) ? "boolean" : "number").Append("; ");
                return null;
            }

            map[entry.Name] = value;
        }

        return map;
    }
}
