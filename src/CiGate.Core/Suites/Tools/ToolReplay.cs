using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// A suite's <c>replay:</c> file: the results its live tools gave, keyed by tool name and arguments
/// (canonical JSON: keys sorted, compact). One JSON object a line, sorted:
/// <c>{"tool": NAME, "arguments": {...}, "result": TEXT, "error": true|false}</c>.
/// <c>cigate run --record-tools</c> adds what the live tools answered; every other run only reads it.
/// </summary>
internal sealed class ToolReplay
{
    private readonly ConcurrentDictionary<string, ReplayEntry> entries;
    private readonly Lock writing = new();
    private readonly string path;

    private ToolReplay(string path, string shown, ConcurrentDictionary<string, ReplayEntry> entries)
    {
        this.path = path;
        Shown = shown;
        this.entries = entries;
    }

    /// <summary>The file as the config wrote it (for messages).</summary>
    public string Shown { get; }

    public int Count => entries.Count;

    /// <summary>Reads <paramref name="path"/> (absent: empty); null and a problem for a line that is no call.</summary>
    public static ToolReplay? Open(string path, string shown, out string? problem)
    {
        problem = null;
        try
        {
            return new ToolReplay(path, shown, Load(path));
        }
        catch (InvalidDataException ex)
        {
            problem = ex.Message;
            return null;
        }
        catch (IOException ex)
        {
            problem = $"{shown}: {ex.Message}";
            return null;
        }
    }

    public static string Key(string tool, JsonObject arguments) => $"{tool}\n{Canonical(arguments)}";

    public bool TryGet(string tool, JsonObject arguments, out ToolResult result)
    {
        if (entries.TryGetValue(Key(tool, arguments), out var entry))
        {
            result = new ToolResult(entry.Result, entry.Error);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Adds (or replaces) a call and rewrites the file, sorted, so two recordings diff well.</summary>
    public void Record(string tool, JsonObject arguments, ToolResult result)
    {
        entries[Key(tool, arguments)] =
            new ReplayEntry(tool, Canonical(arguments), result.Content, result.IsError);
        lock (writing)
        {
            var text = new StringBuilder();
            foreach (var entry in entries.Values
                .OrderBy(e => e.Tool, StringComparer.Ordinal)
                .ThenBy(e => e.Arguments, StringComparer.Ordinal))
            {
                var line = new JsonObject
                {
                    ["tool"] = entry.Tool,
                    ["arguments"] = JsonNode.Parse(entry.Arguments),
                    ["result"] = entry.Result,
                    ["error"] = entry.Error,
                };
                text.Append(line.ToJsonString(Text.PlainJson.Readable)).Append('\n');
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text.ToString());
        }
    }

    /// <summary>Keys sorted (ordinal) at every depth, no white space: equal arguments give equal text.</summary>
    public static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString(Text.PlainJson.Readable) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject([.. o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))]),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    private static ConcurrentDictionary<string, ReplayEntry> Load(string path)
    {
        var entries = new ConcurrentDictionary<string, ReplayEntry>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return entries;
        }

        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var node = JsonNode.Parse(line) as JsonObject;
                if (node?["tool"]?.GetValue<string>() is { } tool && node["arguments"] is JsonObject arguments
                    && node["result"]?.GetValue<string>() is { } result)
                {
                    var error = node["error"]?.GetValue<bool>() ?? false;
                    entries[Key(tool, arguments)] = new ReplayEntry(tool, Canonical(arguments), result, error);
                    continue;
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                // reported below
            }

            throw new InvalidDataException(
                $"{path}:{number}: not a recorded call {{\"tool\", \"arguments\": {{...}}, \"result\", \"error\"}}");
        }

        return entries;
    }

    private sealed record ReplayEntry(string Tool, string Arguments, string Result, bool Error);
}
