using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CiGate.Core.Targets;

/// <summary>
/// Writes the OpenAI request body for a <see cref="ModelRequest"/> with a reused per-thread writer.
/// Field order: model, messages/prompt, the token limit, temperature, seed, stop, then (only when
/// set) top_p, reasoning_effort, tools, tool_choice, parallel_tool_calls, response_format, and last
/// the target's extra_body, whose keys replace CiGate's own (a shallow merge, as OpenAI's SDKs do).
/// With the default options and no surface the bytes are exactly those CiGate always sent.
/// </summary>
internal static class RequestBodyWriter
{
    // Relaxed escaping keeps non-ASCII text as UTF-8 instead of \uXXXX: the body goes to an HTTP
    // API, never into HTML, so the HTML-safety escaping of the default encoder only costs bytes.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonEncodedText ModelName = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText MessagesName = JsonEncodedText.Encode("messages");
    private static readonly JsonEncodedText RoleName = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText ContentName = JsonEncodedText.Encode("content");
    private static readonly JsonEncodedText PromptName = JsonEncodedText.Encode("prompt");
    private static readonly JsonEncodedText MaxTokensName = JsonEncodedText.Encode("max_tokens");
    private static readonly JsonEncodedText TemperatureName = JsonEncodedText.Encode("temperature");
    private static readonly JsonEncodedText SeedName = JsonEncodedText.Encode("seed");
    private static readonly JsonEncodedText StopName = JsonEncodedText.Encode("stop");

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Returns the exact body bytes with the default options (the body CiGate always wrote).</summary>
    public static byte[] Write(
        JsonEncodedText model,
        ModelRequest request) => Write(model, request, TargetRequestOptions.Default, null);

    /// <summary>
    /// Returns the exact body bytes; written with the unresolved extra_body they are also the cache key's input.
    /// </summary>
    /// <param name="extraBody">
    /// The extra_body to merge: the target's as written (for the key) or with its secrets resolved (to send).
    /// </param>
    public static byte[] Write(
        JsonEncodedText model,
        ModelRequest request,
        TargetRequestOptions options,
        JsonObject? extraBody)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);

        writer.WriteStartObject();
        if (Keep(extraBody, "model"))
        {
            writer.WriteString(ModelName, model);
        }

        if (request.Api == TargetApi.Chat)
        {
            WriteMessages(writer, request.Messages ?? throw new ArgumentException("A chat request needs Messages.", nameof(request)));
        }
        else
        {
            writer.WriteString(PromptName, request.Prompt ?? throw new ArgumentException("A completions request needs a Prompt.", nameof(request)));
        }

        WriteSampling(writer, request, options, extraBody);
        WriteOptional(writer, options, request.Surface, extraBody);
        writer.WriteEndObject();
        writer.Flush();
        byte[] body = buffer.WrittenSpan.ToArray();

        // One giant prompt must not pin a huge buffer to the thread for the rest of the run.
        if (buffer.Capacity > 1 << 20)
        {
            t_buffer = null;
            t_writer = null;
        }

        return body;
    }

    private static void WriteSampling(
        Utf8JsonWriter writer,
        ModelRequest request,
        TargetRequestOptions options,
        JsonObject? extraBody)
    {
        string tokenParam = options.MaxCompletionTokens ? "max_completion_tokens" : "max_tokens";
        if (Keep(extraBody, tokenParam))
        {
            if (options.MaxCompletionTokens)
            {
                writer.WriteNumber(tokenParam, request.MaxTokens);
            }
            else
            {
                writer.WriteNumber(MaxTokensName, request.MaxTokens);
            }
        }

        if (!options.OmitTemperature && Keep(extraBody, "temperature"))
        {
            writer.WriteNumber(TemperatureName, request.Temperature);
        }

        if (request.Seed is { } seed && !options.OmitSeed && Keep(extraBody, "seed"))
        {
            writer.WriteNumber(SeedName, seed);
        }

        IReadOnlyList<string> stop = request.Stop;
        if (stop is { Count: > 0 } && Keep(extraBody, "stop"))
        {
            writer.WriteStartArray(StopName);
            for (int i = 0; i < stop.Count; i++)
            {
                writer.WriteStringValue(stop[i]);
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteOptional(
        Utf8JsonWriter writer,
        TargetRequestOptions options,
        RequestSurface? surface,
        JsonObject? extraBody)
    {
        if (options.TopP is { } topP && Keep(extraBody, "top_p"))
        {
            writer.WriteNumber("top_p", topP);
        }

        if (options.ReasoningEffort is { } effort && Keep(extraBody, "reasoning_effort"))
        {
            writer.WriteString("reasoning_effort", effort);
        }

        if (surface is not null)
        {
            WriteNode(writer, "tools", surface.Tools, extraBody);
            WriteNode(writer, "tool_choice", surface.ToolChoice, extraBody);
            if (surface.ParallelToolCalls is { } parallel && Keep(extraBody, "parallel_tool_calls"))
            {
                writer.WriteBoolean("parallel_tool_calls", parallel);
            }

            WriteNode(writer, "response_format", surface.ResponseFormat, extraBody);
        }

        if (extraBody is not null)
        {
            foreach (var (name, value) in extraBody)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }
        }
    }

    private static void WriteNode(Utf8JsonWriter writer, string name, JsonNode? node, JsonObject? extraBody)
    {
        if (node is not null && Keep(extraBody, name))
        {
            writer.WritePropertyName(name);
            node.WriteTo(writer);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    private static bool Keep(JsonObject? extraBody, string name) => extraBody is null || !extraBody.ContainsKey(name);

    private static void WriteMessages(Utf8JsonWriter writer, IReadOnlyList<ChatMessage> messages)
    {
        writer.WriteStartArray(MessagesName);
        for (int i = 0; i < messages.Count; i++)
        {
            ChatMessage message = messages[i];
            writer.WriteStartObject();
            writer.WriteString(RoleName, message.Role);
            if (message.ToolCalls is { Count: > 0 } calls)
            {
                // OpenAI's shape of an assistant turn that called functions: content may be null.
                if (message.Content.Length == 0)
                {
                    writer.WriteNull(ContentName);
                }
                else
                {
                    writer.WriteString(ContentName, message.Content);
                }

                writer.WriteStartArray("tool_calls"u8);
                foreach (var call in calls)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id"u8, call.Id);
                    writer.WriteString("type"u8, "function"u8);
                    writer.WriteStartObject("function"u8);
                    writer.WriteString("name"u8, call.Name);
                    writer.WriteString("arguments"u8, call.Arguments);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString(ContentName, message.Content);
            }

            if (message.ToolCallId is { } id)
            {
                writer.WriteString("tool_call_id"u8, id);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
