using System.Text.Json;

namespace CiGate.Core.Targets;

/// <summary>
/// The optional parts of a cache entry: tool_calls ([{ id, name, arguments, result?, error? }]), reasoning,
/// refusal, trace.
/// Written only when present; a line without them (every line written before they existed) reads as none.
/// </summary>
internal static class CacheLineExtras
{
    public static void Write(Utf8JsonWriter writer, CachedResponse response)
    {
        if (response.ToolCalls.Count > 0)
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in response.ToolCalls)
            {
                writer.WriteStartObject();
                if (call.Id is not null)
                {
                    writer.WriteString("id", call.Id);
                }

                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", call.Arguments);
                if (call.Result is not null)
                {
                    writer.WriteString("result", call.Result);
                    if (call.ResultIsError)
                    {
                        writer.WriteBoolean("error", true);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (response.Reasoning is not null)
        {
            writer.WriteString("reasoning", response.Reasoning);
        }

        if (response.Refusal is not null)
        {
            writer.WriteString("refusal", response.Refusal);
        }

        if (response.Trace is not null)
        {
            writer.WriteString("trace", response.Trace);
        }
    }

    public static IReadOnlyList<ToolCall> ReadToolCalls(JsonElement root)
    {
        if (!root.TryGetProperty("tool_calls", out JsonElement calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<ToolCall>(calls.GetArrayLength());
        foreach (JsonElement call in calls.EnumerateArray())
        {
            if (call.ValueKind == JsonValueKind.Object && CacheLineCodec.OptionalString(call, "name") is { } name)
            {
                list.Add(ToolCallResults.With(
                    new ToolCall(
                        CacheLineCodec.OptionalString(call, "id"),
                        name,
                        CacheLineCodec.OptionalString(call, "arguments") ?? "{}"),
                    call));
            }
        }

        return list;
    }
}
