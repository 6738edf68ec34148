using System.Text.Json;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Config;

/// <summary>
/// A file of human preferences for a suite's items, one JSON object per line:
/// <c>{"id": "q-12", "winner": "head" | "base" | "tie"}</c> (other fields, a note say, are kept out
/// of the way). Every bad line is reported (CIGATE0102) with its line number; a missing file is
/// CIGATE0101; an id labelled twice is an error at its second line.
/// </summary>
public static class PairwiseLabels
{
    public static IReadOnlyDictionary<string, PairwisePreference> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new CiGateException(
                new Diagnostic(DiagnosticCodes.DatasetNotFound, "pairwise label file not found", path));
        }

        var labels = new Dictionary<string, PairwisePreference>(StringComparer.Ordinal);
        var diagnostics = new DiagnosticBag();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (id, preference, problem) = Read(line);
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticCodes.DatasetMalformed, problem, path, number, 1);
            }
            else if (!labels.TryAdd(id!, preference!.Value))
            {
                diagnostics.Add(DiagnosticCodes.DatasetMalformed, $"item '{id}' is labelled twice", path, number, 1);
            }
        }

        if (labels.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Add(DiagnosticCodes.DatasetEmpty, "the pairwise label file holds no labels", path);
        }

        diagnostics.ThrowIfAny();
        return labels;
    }

    private static (string? Id, PairwisePreference? Preference, string? Problem) Read(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, "each line must be a JSON object");
            }

            var hasId = root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String;
            if (!hasId || id.GetString() is not { Length: > 0 } text)
            {
                return (null, null, "missing string field 'id'");
            }

            var winner = root.TryGetProperty("winner", out var w) && w.ValueKind == JsonValueKind.String
                ? w.GetString()
                : null;
            return winner switch
            {
                "head" => (text, PairwisePreference.Head, null),
                "base" => (text, PairwisePreference.Base, null),
                "tie" => (text, PairwisePreference.Tie, null),
                null => (null, null, "'winner' must be head, base or tie, got nothing"),
                _ => (null, null, $"'winner' must be head, base or tie, got '{winner}'"),
            };
        }
        catch (JsonException ex)
        {
            return (null, null, $"invalid JSON: {ex.Message}");
        }
    }
}

/// <summary>
/// Which answer a person (or the judge, once reconciled) prefers; the order is the confusion matrix's.
/// </summary>
public enum PairwisePreference
{
    Base,
    Tie,
    Head,
}
