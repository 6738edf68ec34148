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

        if (!message.HasToolCalls)
        {
            return;
        }

        w.WriteStartArray("tool_calls"u8);
        var calls = message.AllCalls;
        for (var i = 0; i < calls.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString(IdName, CallId(meta, i));
            w.WriteString("type"u8, "function"u8);
            w.WriteStartObject("function"u8);
            w.WriteString("name"u8, calls[i].Name);
            w.WriteString("arguments"u8, calls[i].Arguments);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// A stream chunk with one tool-call delta, as the OpenAI API streams calls: the first delta of a
    /// call carries its index, id, type, name and empty arguments; later ones a piece of the arguments.
    /// </summary>
    public static void WriteToolCallChunk(
        Utf8JsonWriter w,
        in ResponseMeta meta,
        int index,
        string? name,
        ReadOnlySpan<char> arguments,
        bool includeUsage)
    {
        WriteHeader(w, meta, "chat.completion.chunk");
        w.WriteStartArray(ChoicesName);
        w.WriteStartObject();
        w.WriteNumber(IndexName, 0);
        w.WriteStartObject(DeltaName);
        w.WriteStartArray("tool_calls"u8);
        w.WriteStartObject();
        w.WriteNumber(IndexName, index);
        if (name is not null)
        {
            w.WriteString(IdName, CallId(meta, index));
            w.WriteString("type"u8, "function"u8);
        }

        w.WriteStartObject("function"u8);
        if (name is not null)
        {
            w.WriteString("name"u8, name);
        }

        w.WriteString("arguments"u8, arguments);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNull(LogprobsName);
        w.WriteNull(FinishReasonName);
        w.WriteEndObject();
        w.WriteEndArray();
        if (includeUsage)
        {
            w.WriteNull(UsageName);
        }

        w.WriteEndObject();
    }

    /// <summary>The first call keeps the single-call id (<c>call_&lt;id&gt;</c>); later ones add their index.</summary>
    private static string CallId(in ResponseMeta meta, int index) =>
        index == 0 ? "call_" + meta.Id : $"call_{meta.Id}_{index}";
}
