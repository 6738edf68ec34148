using System.Text.Json;
using CiGate.Core.Targets;

namespace CiGate.Core.Results;

/// <summary>
/// The optional response fields of an items.jsonl line: system_fingerprint, reasoning, refusal and
/// tool_calls ([{ id, name, arguments }], arguments as the JSON text the target sent). Each is
/// written only when present, so lines of runs that have none are byte for byte what they were.
/// </summary>
internal static partial class ItemJson
{
    private static void WriteResponseExtras(Utf8JsonWriter w, ItemRecord r)
    {
        WriteOptional(w, "system_fingerprint", r.SystemFingerprint);
        WriteOptional(w, "reasoning", r.Reasoning);
        WriteOptional(w, "refusal", r.Refusal);
        WriteOptional(w, "reused_from", r.ReusedFrom);
        if (r.ToolCalls is { Count: > 0 } calls)
        {
            w.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                w.WriteStartObject();
                WriteOptional(w, "id", call.Id);
                w.WriteString("name", call.Name);
                w.WriteString("arguments", call.Arguments);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    private static List<ToolCall> ReadToolCalls(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidOperationException("expected an array");
        }

        var calls = new List<ToolCall>();
        while (Next(ref r) == JsonTokenType.StartObject)
        {
            string? id = null, name = null, arguments = null;
            while (Next(ref r) == JsonTokenType.PropertyName)
            {
                var key = r.GetString();
                Next(ref r);
                switch (key)
                {
                    case "id": id = r.GetString(); break;
                    case "name": name = r.GetString(); break;
                    case "arguments": arguments = r.GetString(); break;
                    default: r.Skip(); break;
                }
            }

            calls.Add(new ToolCall(id, name ?? throw new JsonException("a tool call has no name"), arguments ?? "{}"));
        }

        return calls;
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
    }
}
