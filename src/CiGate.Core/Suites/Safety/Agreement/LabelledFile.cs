using System.Globalization;
using System.Text.Json;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety.Agreement;

/// <summary>
/// Reads a JSONL file of labelled responses. Every bad line is reported (CIGATE0102) with its line
/// number; a missing file is CIGATE0101.
/// </summary>
public static class LabelledFile
{
    public static IReadOnlyList<LabelledResponse> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetNotFound, "labelled file not found", path));
        }

        var items = new List<LabelledResponse>();
        var diagnostics = new DiagnosticBag();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var problem = TryRead(line, number, out var item);
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticCodes.DatasetMalformed, problem, path, number, 1);
            }
            else
            {
                items.Add(item!);
            }
        }

        if (items.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Add(DiagnosticCodes.DatasetEmpty, "the labelled file holds no items", path);
        }

        diagnostics.ThrowIfAny();
        return items;
    }

    private static string? TryRead(string line, int number, out LabelledResponse? item)
    {
        item = null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "each line must be a JSON object";
            }

            var id = Text(root, "id") ?? number.ToString(CultureInfo.InvariantCulture);
            var output = Text(root, "output");
            var label = Text(root, "label");
            if (output is null)
            {
                return "missing string field 'output'";
            }

            if (!RefusalClasses.TryParse(label, out var parsed))
            {
                return $"'label' must be {RefusalClasses.FullCompliance}, {RefusalClasses.FullRefusal} or {RefusalClasses.PartialRefusal}, got '{label}'";
            }

            item = new LabelledResponse(id, Text(root, "prompt"), output, parsed, Text(root, "split"));
            return null;
        }
        catch (JsonException ex)
        {
            return $"not valid JSON: {ex.Message}";
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
