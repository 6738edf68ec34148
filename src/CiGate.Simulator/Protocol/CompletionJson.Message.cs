using System.Text.Json;

namespace CiGate.Simulator.Protocol;

/// <summary>The message's tool_calls and reasoning_content (vLLM's field name).</summary>
internal static partial class CompletionJson
{
    private static void WriteExtras(Utf8JsonWriter w, in ResponseMeta meta, SimulatedMessage message)
    {
        if (message.Reasoning is { } reasoning)
        {
            w.WriteString("reasoning_content"u8, reasoning);
        }

        if (message.ToolName is not { } name)
        {
            return;
        }

        w.WriteStartArray("tool_calls"u8);
        w.WriteStartObject();
        w.WriteString(IdName, "call_" + meta.Id);
        w.WriteString("type"u8, "function"u8);
        w.WriteStartObject("function"u8);
        w.WriteString("name"u8, name);
        w.WriteString("arguments"u8, message.Arguments ?? "{}");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
