using System.Text.Json;
using nietras.SeparatedValues;

namespace CiGate.Simulator.Refusals;

/// <summary>Reads labelled prompts (CSV with a header row, or JSONL) into prompt → unsafe?.</summary>
internal static class SafetyKeyLoader
{
    public static Dictionary<string, bool> Load(IEnumerable<SafetyKeySource> sources)
    {
        var prompts = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (!File.Exists(source.Path))
            {
                throw new FileNotFoundException($"Safety key '{source.Path}' does not exist.", source.Path);
            }

            var rows = source.Path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Csv(source.Path) : Jsonl(source.Path);
            var line = 1;
            foreach (var row in rows)
            {
                line++;
                if (!row.TryGetValue(source.PromptField, out var prompt) || !row.TryGetValue(source.LabelField, out var label))
                {
                    throw new InvalidDataException($"{source.Path}: record {line} lacks '{source.PromptField}' or '{source.LabelField}'.");
                }

                prompts[RefusalResponder.Normalize(prompt)] = label.Trim() == source.UnsafeValue;
            }
        }

        return prompts;
    }

    private static IEnumerable<Dictionary<string, string>> Jsonl(string path)
    {
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText(), StringComparer.Ordinal);
        }
    }

    /// <summary>RFC 4180 through Sep: quoted fields may hold commas, doubled quotes and newlines.</summary>
    private static IEnumerable<Dictionary<string, string>> Csv(string path)
    {
        using var reader = Sep.New(',')
            .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
            .FromFile(path);
        List<string>? header = null;
        foreach (var record in reader)
        {
            if (header is null)
            {
                header = [.. Fields(record)];
                continue;
            }

            // A blank line is one empty field.
            if (record.ColCount == 1 && record[0].Span.Length == 0)
            {
                continue;
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count && i < record.ColCount; i++)
            {
                row[header[i]] = record[i].ToString();
            }

            yield return row;
        }
    }

    private static IEnumerable<string> Fields(SepReader.Row record)
    {
        var fields = new string[record.ColCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = record[i].ToString();
        }

        return fields;
    }
}
