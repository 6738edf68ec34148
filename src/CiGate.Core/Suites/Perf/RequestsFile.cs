using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// requests.jsonl: one <see cref="PerfRequest"/> per line, appended and flushed a load point at a
/// time (a load point's warm-up and cool-down are only known once it ends). A torn last line
/// from a killed run is skipped on read.
/// </summary>
public static class RequestsFile
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Lock Gate = new();

    public static void Append(string folder, IReadOnlyList<PerfRequest> requests)
    {
        var path = Path.Combine(folder, PerfRequest.FileName);
        lock (Gate)
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
            foreach (var request in requests)
            {
                JsonSerializer.Serialize(stream, request, Options);
                stream.WriteByte((byte)'\n');
            }

            stream.Flush(flushToDisk: false);
        }
    }

    public static List<PerfRequest> Read(string folder)
    {
        var path = Path.Combine(folder, PerfRequest.FileName);
        var records = new List<PerfRequest>();
        if (!File.Exists(path))
        {
            return records;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<PerfRequest>(line, Options) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a kill; everything before it is intact.
            }
        }

        return records;
    }
}
