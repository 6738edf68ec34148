using System.Text.Json;

namespace CiGate.Core.Results;

/// <summary>Reading and writing items.jsonl, the append-only log of finished samples.</summary>
public static class ItemsFile
{
    public const string FileName = "items.jsonl";

    /// <summary>
    /// Reads every complete record. A torn last line (the process was killed mid-write) is
    /// ignored, and <paramref name="validLength"/> says where appending may safely resume.
    /// When a sample appears twice (an errored one retried on resume), the later record wins.
    /// </summary>
    public static List<ItemRecord> Read(string path, out long validLength) => Read(path, out validLength, out _);

    /// <summary>As <see cref="Read(string, out long)"/>, with the digest of the complete lines read (see <see cref="ItemsDigest"/>).</summary>
    public static List<ItemRecord> Read(string path, out long validLength, out ItemsDigest digest)
    {
        var records = new Dictionary<string, ItemRecord>(StringComparer.Ordinal);
        validLength = 0;
        digest = ItemsDigest.Empty;
        if (!File.Exists(path))
        {
            return [];
        }

        var bytes = File.ReadAllBytes(path);
        var span = (ReadOnlySpan<byte>)bytes;
        long offset = 0;
        var lineNumber = 0;
        long recordLines = 0;
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)'\n');
            if (end < 0)
            {
                break; // no newline: a torn write; everything before it is intact
            }

            lineNumber++;
            var line = span[..end];
            span = span[(end + 1)..];
            offset += end + 1;
            if (line.Trim((byte)' ').IsEmpty)
            {
                validLength = offset;
                continue;
            }

            try
            {
                var record = ItemJson.Parse(line);
                records[record.Key] = record;
                validLength = offset;
                recordLines++;
            }
            catch (JsonException ex)
            {
                if (span.IsEmpty)
                {
                    break; // a torn final line that happens to end in a newline
                }

                throw new Diagnostics.CiGateException(new Diagnostics.Diagnostic(Diagnostics.DiagnosticCodes.ResultsMalformed, $"items file is damaged: {ex.Message}", path, lineNumber, 1));
            }
            catch (InvalidDataException ex)
            {
                // Well-formed JSON with a wrong value is never a torn write, even on the last line.
                throw new Diagnostics.CiGateException(new Diagnostics.Diagnostic(Diagnostics.DiagnosticCodes.ResultsMalformed, $"items file is damaged: {ex.Message}", path, lineNumber, 1));
            }
        }

        digest = ItemsDigest.Of(bytes.AsSpan(0, (int)validLength), recordLines);
        return [.. records.Values];
    }
}
