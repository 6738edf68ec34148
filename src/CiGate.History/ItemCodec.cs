using System.Globalization;
using System.Text;
using System.Text.Json;
using CiGate.Core.Results;

namespace CiGate.History;

/// <summary>
/// Packs an item's scores and extracted answers into short strings in the order of its suite
/// run's keys (stored once per suite run), instead of repeating "exact_match,mmlu-pro" in each
/// of 12,032 rows. Scores: invariant round-trip numbers joined by spaces, empty when absent.
/// Extractions: joined by U+001F, U+001E when absent.
/// </summary>
internal static class ItemCodec
{
    private const char Separator = '\u001f';
    private const string Absent = "\u001e";

    public static (string[] Scores, string[] Extracted) Keys(IEnumerable<ItemRecord> records)
    {
        var scores = new SortedSet<string>(StringComparer.Ordinal);
        var extracted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            scores.UnionWith(record.Scores.Keys);
            extracted.UnionWith(record.Extracted.Keys);
        }

        return ([.. scores], [.. extracted]);
    }

    public static string KeysJson(string[] keys) => JsonSerializer.Serialize(keys);

    public static string[] ParseKeys(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    public static ItemRow Encode(ItemRecord r, string[] scoreKeys, string[] extractKeys, string suiteModel, int outputCharacters)
    {
        var scores = new StringBuilder(scoreKeys.Length * 2);
        for (var i = 0; i < scoreKeys.Length; i++)
        {
            if (i > 0)
            {
                scores.Append(' ');
            }

            if (r.Scores.TryGetValue(scoreKeys[i], out var value))
            {
                scores.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        var extracted = string.Join(Separator, extractKeys.Select(k => r.Extracted.TryGetValue(k, out var v) ? v : Absent));
        return new ItemRow(
            r.Item,
            r.Repeat,
            r.PromptHash,
            r.Group,
            scores.ToString(),
            extracted,
            Tail(r.Output, outputCharacters),
            r.FinishReason,
            Math.Round(r.LatencyMs, 3),
            r.PromptTokens,
            r.CompletionTokens,
            r.Attempts,
            r.Cached,
            ServedModel(r.ServedModel, suiteModel),
            r.ErrorKind,
            r.Error);
    }

    public static Dictionary<string, double> DecodeScores(string packed, string[] keys)
    {
        var scores = new Dictionary<string, double>(keys.Length, StringComparer.Ordinal);
        var parts = packed.Split(' ');
        for (var i = 0; i < keys.Length && i < parts.Length; i++)
        {
            if (parts[i].Length > 0)
            {
                scores[keys[i]] = double.Parse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return scores;
    }

    public static Dictionary<string, string> DecodeExtracted(string packed, string[] keys)
    {
        var extracted = new Dictionary<string, string>(keys.Length, StringComparer.Ordinal);
        if (keys.Length == 0)
        {
            return extracted;
        }

        var parts = packed.Split(Separator);
        for (var i = 0; i < keys.Length && i < parts.Length; i++)
        {
            if (parts[i] != Absent)
            {
                extracted[keys[i]] = parts[i];
            }
        }

        return extracted;
    }

    /// <summary>Null when the sample's model is the suite's (most rows); "" when the sample has none (it failed).</summary>
    private static string? ServedModel(string? served, string suiteModel) =>
        served is null ? "" : string.Equals(served, suiteModel, StringComparison.Ordinal) ? null : served;

    /// <summary>The inverse of <see cref="ServedModel(string?, string)"/>.</summary>
    public static string? DecodeServedModel(string? stored, string suiteModel) => stored is null ? suiteModel : stored.Length == 0 ? null : stored;

    /// <summary>The last characters: a chain of thought ends with its answer.</summary>
    private static string? Tail(string? output, int characters) =>
        output is null || characters <= 0 ? null : output.Length <= characters ? output : "…" + output[^characters..];
}
