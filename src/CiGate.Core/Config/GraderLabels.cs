using System.Text.Json;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Config;

/// <summary>
/// A file of people's pass/fail verdicts on a prompt suite's model-graded assertions, one JSON object
/// per line: <c>{"id": "refund", "pass": true}</c>, optionally <c>"assertion": 1</c>, the index
/// (from 0, in the order written) among the case's model-graded assertions. Without an index a label
/// judges them together: the grader passes the case when each of them passed. Other fields (a note)
/// are ignored. A missing file is CIGATE0101, a bad line or a (case, index) labelled twice CIGATE0102
/// at its line, a file without labels CIGATE0104.
/// </summary>
public static class GraderLabels
{
    public static IReadOnlyList<GraderLabel> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new CiGateException(
                new Diagnostic(DiagnosticCodes.DatasetNotFound, "grader label file not found", path));
        }

        var labels = new List<GraderLabel>();
        var seen = new HashSet<(string, int?)>();
        var diagnostics = new DiagnosticBag();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (label, problem) = Read(line);
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticCodes.DatasetMalformed, problem, path, number, 1);
            }
            else if (!seen.Add((label!.Id, label.Assertion)))
            {
                var which = label.Assertion is { } i ? $"case '{label.Id}', assertion {i}," : $"case '{label.Id}'";
                diagnostics.Add(DiagnosticCodes.DatasetMalformed, $"{which} is labelled twice", path, number, 1);
            }
            else
            {
                labels.Add(label);
            }
        }

        if (labels.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Add(DiagnosticCodes.DatasetEmpty, "the grader label file holds no labels", path);
        }

        diagnostics.ThrowIfAny();
        return labels;
    }

    private static (GraderLabel? Label, string? Problem) Read(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "each line must be a JSON object");
            }

            var hasId = root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String;
            if (!hasId || id.GetString() is not { Length: > 0 } text)
            {
                return (null, "missing string field 'id' (the test case's id)");
            }

            if (!root.TryGetProperty("pass", out var pass)
                || pass.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (null, "'pass' must be true or false");
            }

            int? index = null;
            if (root.TryGetProperty("assertion", out var a) && a.ValueKind != JsonValueKind.Null)
            {
                if (a.ValueKind != JsonValueKind.Number || !a.TryGetInt32(out var i) || i < 0)
                {
                    return (null, "'assertion' must be an index from 0 among the case's model-graded assertions");
                }

                index = i;
            }

            return (new GraderLabel(text, pass.GetBoolean()) { Assertion = index }, null);
        }
        catch (JsonException ex)
        {
            return (null, $"invalid JSON: {ex.Message}");
        }
    }
}

/// <summary>
/// A person's verdict on a case: whether its model-graded assertions should pass (all of them, or
/// the one at <see cref="Assertion"/>).
/// </summary>
public sealed record GraderLabel(string Id, bool Pass)
{
    [System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Assertion { get; init; }
}
