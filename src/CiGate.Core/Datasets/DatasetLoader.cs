using System.Globalization;
using System.Text.Json;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Datasets;

/// <summary>
/// Reads a JSONL or CSV dataset, applies field renames and value filters, then the limit
/// (first N, or a seeded subset kept in file order). Records the file's SHA-256.
/// </summary>
public static class DatasetLoader
{
    public static Dataset Load(DatasetSpec spec, IEnumerable<string> requiredFields)
    {
        if (!File.Exists(spec.Path))
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetNotFound, "dataset not found", spec.Path));
        }

        var bytes = File.ReadAllBytes(spec.Path);
        var sha = Hashing.Sha256Hex(bytes);
        var diagnostics = new DiagnosticBag();
        CheckUtf8(spec.Path, bytes);
        var records = spec.Format == DatasetFormat.Csv ? ReadCsv(spec.Path, bytes, diagnostics) : ReadJsonl(spec.Path, bytes, diagnostics);
        diagnostics.ThrowIfAny();
        if (records.Count == 0)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetEmpty, "dataset has no records", spec.Path));
        }

        var items = new List<DatasetItem>(records.Count);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var required = requiredFields.Concat(spec.Filter.Keys).Concat(spec.IdField is null ? [] : [spec.IdField]).Distinct().ToList();
        foreach (var (line, fields) in records)
        {
            foreach (var (alias, source) in spec.Fields)
            {
                fields[alias] = fields.TryGetValue(source, out var value) ? value : throw Missing(spec.Path, line, source, fields);
            }

            foreach (var name in required)
            {
                if (!fields.ContainsKey(name))
                {
                    throw Missing(spec.Path, line, name, fields);
                }
            }

            if (!Matches(fields, spec.Filter))
            {
                continue;
            }

            var id = spec.IdField is null ? line.ToString(CultureInfo.InvariantCulture) : JsonValues.ToText(fields[spec.IdField]);
            if (ids.TryGetValue(id, out var firstLine))
            {
                diagnostics.Add(DiagnosticCodes.DatasetMalformed, $"item id '{id}' repeats the id on line {firstLine}; ids must be unique", spec.Path, line, 1);
                continue;
            }

            ids[id] = line;
            items.Add(new DatasetItem(id, line, fields));
        }

        diagnostics.ThrowIfAny();
        if (items.Count == 0)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetEmpty, "no item passes the dataset filter", spec.Path));
        }

        return new Dataset(spec.Path, sha, records.Count, Limit(items, spec));
    }

    private static List<DatasetItem> Limit(List<DatasetItem> items, DatasetSpec spec)
    {
        if (spec.Limit is not { } limit || limit >= items.Count)
        {
            return items;
        }

        if (spec.Sample == SampleMode.First)
        {
            return items[..limit];
        }

        // Rank by a seeded hash of the id: the same subset on every machine, and adding an item
        // to the file does not reshuffle the others.
        return [.. items.OrderBy(i => StableHash.Of(spec.Seed, i.Id)).Take(limit).OrderBy(i => i.Line)];
    }

    private static bool Matches(Dictionary<string, object?> fields, IReadOnlyDictionary<string, IReadOnlyList<string>> filter)
    {
        foreach (var (name, allowed) in filter)
        {
            var text = JsonValues.ToText(fields[name]);
            if (!allowed.Contains(text, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static CiGateException Missing(string path, int line, string field, Dictionary<string, object?> fields) =>
        new(new Diagnostic(DiagnosticCodes.DatasetFieldMissing, $"record has no field '{field}' (fields: {string.Join(", ", fields.Keys.Take(12))})", path, line, 1));

    /// <summary>
    /// Datasets are UTF-8 (JSONL always; CSV unless it starts with a UTF-16/32 byte order mark).
    /// A byte that is not UTF-8 is an error at its line, never silently replaced.
    /// </summary>
    private static void CheckUtf8(string path, byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return;
        }

        var bad = System.Text.Unicode.Utf8.IsValid(span) ? -1 : FirstInvalidUtf8(span);
        if (bad < 0)
        {
            return;
        }

        var before = span[..bad];
        var line = before.Count((byte)'\n') + 1;
        var column = bad - (before.LastIndexOf((byte)'\n') + 1) + 1;
        throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetEncoding, string.Create(CultureInfo.InvariantCulture, $"byte 0x{span[bad]:X2} is not valid UTF-8; save the dataset as UTF-8"), path, line, column));
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var buffer = new char[4096];
        var offset = 0;
        while (true)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes[offset..], buffer, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            {
                return status == System.Buffers.OperationStatus.Done ? -1 : offset;
            }
        }
    }

    private static List<(int Line, Dictionary<string, object?> Fields)> ReadJsonl(string path, byte[] bytes, DiagnosticBag diagnostics)
    {
        var records = new List<(int, Dictionary<string, object?>)>();
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        var line = 0;
        while (!span.IsEmpty)
        {
            line++;
            var end = span.IndexOf((byte)'\n');
            var raw = end < 0 ? span : span[..end];
            span = end < 0 ? [] : span[(end + 1)..];
            if (raw.Trim((byte)'\r').Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(raw.ToArray());
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    diagnostics.Add(DiagnosticCodes.DatasetMalformed, "each JSONL line must be a JSON object", path, line, 1);
                    continue;
                }

                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    fields[property.Name] = JsonValues.ToPlain(property.Value);
                }

                records.Add((line, fields));
            }
            catch (InvalidOperationException)
            {
                // Valid JSON syntax, invalid text: an escape such as \ud800 without its pair.
                diagnostics.Add(DiagnosticCodes.DatasetEncoding, "a string holds an unpaired surrogate escape (\\uD800-\\uDFFF without its pair); it is not text", path, line, 1);
            }
            catch (JsonException ex)
            {
                diagnostics.Add(DiagnosticCodes.DatasetMalformed, $"invalid JSON: {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}", path, line, (int)(ex.BytePositionInLine ?? 0) + 1);
                if (diagnostics.Items.Count >= 20)
                {
                    break;
                }
            }
        }

        return records;
    }

    private static List<(int Line, Dictionary<string, object?> Fields)> ReadCsv(string path, byte[] bytes, DiagnosticBag diagnostics)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        var records = new List<(int, Dictionary<string, object?>)>();
        List<string>? header = null;
        foreach (var (line, values) in CsvReader.Read(reader))
        {
            if (header is null)
            {
                header = values;
                continue;
            }

            if (values is [""])
            {
                continue;
            }

            if (values.Count != header.Count)
            {
                diagnostics.Add(DiagnosticCodes.DatasetMalformed, $"record has {values.Count} fields but the header has {header.Count}", path, line, 1);
                continue;
            }

            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                fields[header[i]] = values[i];
            }

            records.Add((line, fields));
        }

        return records;
    }
}
