using System.Text.Json;

namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>Append-only JSONL beside requests.jsonl, same options; a torn last line from a killed run is skipped.</summary>
internal static class JsonLines
{
    private static readonly Lock Gate = new();

    public static void Append<T>(string path, IEnumerable<T> records)
    {
        lock (Gate)
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 14);
            foreach (var record in records)
            {
                JsonSerializer.Serialize(stream, record, RequestsFile.Options);
                stream.WriteByte((byte)'\n');
            }
        }
    }

    public static IEnumerable<T> Read<T>(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(path))
        {
            T? record = default;
            try
            {
                record = string.IsNullOrWhiteSpace(line) ? default : JsonSerializer.Deserialize<T>(line, RequestsFile.Options);
            }
            catch (JsonException)
            {
                // A line cut short by a kill; everything before it is intact.
            }

            if (record is not null)
            {
                yield return record;
            }
        }
    }
}
