using System.Text;
using System.Text.Json;

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

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and newlines.</summary>
    private static IEnumerable<Dictionary<string, string>> Csv(string path)
    {
        var records = Records(File.ReadAllText(path)).ToList();
        if (records.Count == 0)
        {
            yield break;
        }

        var header = records[0];
        foreach (var record in records.Skip(1).Where(r => r.Count > 1 || r[0].Length > 0))
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count && i < record.Count; i++)
            {
                row[header[i]] = record[i];
            }

            yield return row;
        }
    }

    private static IEnumerable<List<string>> Records(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return fields;
                fields = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            yield return fields;
        }
    }
}
