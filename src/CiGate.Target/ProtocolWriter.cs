using System.Buffers;
using System.Text.Json;

namespace CiGate.Target;

/// <summary>Writes the lines the app sends: hello, response and error, each one UTF-8 JSON object and "\n".</summary>
internal static class ProtocolWriter
{
    public static byte[] Hello(string? app, string? version) => Line(w =>
    {
        w.WriteString("type", "hello");
        w.WriteString("protocol", ProtocolJson.Version);
        WriteIfSet(w, "app", app);
        WriteIfSet(w, "version", version);
    });

    public static byte[] Error(string? id, string message, bool retryable) => Line(w =>
    {
        w.WriteString("type", "error");
        w.WriteString("id", id);
        w.WriteString("message", message);
        w.WriteBoolean("retryable", retryable);
    });

    public static byte[] Response(string id, TargetReply reply) => Line(w =>
    {
        w.WriteString("type", "response");
        w.WriteString("id", id);
        w.WriteString("output", reply.Output ?? throw new InvalidOperationException("The reply has no Output."));
        if (reply.ToolCalls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (var call in reply.ToolCalls)
            {
                w.WriteStartObject();
                WriteIfSet(w, "id", call.Id);
                w.WriteString("name", call.Name);
                w.WriteString("arguments", call.Arguments);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        WriteIfSet(w, "reasoning", reply.Reasoning);
        WriteIfSet(w, "refusal", reply.Refusal);
        WriteIfSet(w, "finish_reason", reply.FinishReason);
        if (reply.Usage is { } usage)
        {
            w.WriteStartObject("usage");
            WriteIfSet(w, "prompt_tokens", usage.PromptTokens);
            WriteIfSet(w, "completion_tokens", usage.CompletionTokens);
            WriteIfSet(w, "cached_tokens", usage.CachedTokens);
            WriteIfSet(w, "reasoning_tokens", usage.ReasoningTokens);
            w.WriteEndObject();
        }

        WriteIfSet(w, "model", reply.Model);
        if (reply.Trace is { } trace)
        {
            w.WritePropertyName("trace");
            trace.WriteTo(w);
        }
    });

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    // Utf8JsonWriter never writes a raw line break when not indented (a "\n" in a string is escaped),
    // so the object is one line whatever the app's text holds.
    private static byte[] Line(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
