using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CiGate.Core.Targets;

/// <summary>One cache entry as one JSONL line: key, text, finish_reason, usage, served_model, system_fingerprint.</summary>
internal static class CacheLineCodec
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Encode(string key, CachedResponse response)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (response.Text.Length * 2));
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteString("text", response.Text);
            writer.WriteString("finish_reason", response.FinishReason);
            if (response.Usage is { } usage)
            {
                writer.WriteStartObject("usage");
                writer.WriteNumber("prompt_tokens", usage.PromptTokens);
                writer.WriteNumber("completion_tokens", usage.CompletionTokens);
                WriteOptional(writer, "cached_tokens", usage.CachedTokens);
                WriteOptional(writer, "reasoning_tokens", usage.ReasoningTokens);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("usage");
            }

            writer.WriteString("served_model", response.ServedModel);
            writer.WriteString("system_fingerprint", response.SystemFingerprint);

            // Only when present, so entries of plain text answers stay as they always were.
            CacheLineExtras.Write(writer, response);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>False for anything that is not a whole entry (a torn line, hand edits, blank lines).</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> line, [NotNullWhen(true)] out string? key, [NotNullWhen(true)] out CachedResponse? response)
    {
        key = null;
        response = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("key", out JsonElement keyElement) || keyElement.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("text", out JsonElement text) || text.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            TokenUsage? usage = null;
            if (root.TryGetProperty("usage", out JsonElement u) && u.ValueKind == JsonValueKind.Object
                && u.TryGetProperty("prompt_tokens", out JsonElement prompt) && prompt.TryGetInt32(out int promptTokens)
                && u.TryGetProperty("completion_tokens", out JsonElement completion) && completion.TryGetInt32(out int completionTokens))
            {
                usage = new TokenUsage(
                    promptTokens,
                    completionTokens,
                    OptionalInt(u, "cached_tokens"),
                    OptionalInt(u, "reasoning_tokens"));
            }

            key = keyElement.GetString()!;
            response = new CachedResponse(
                text.GetString()!,
                OptionalString(root, "finish_reason"),
                usage,
                OptionalString(root, "served_model"),
                OptionalString(root, "system_fingerprint"))
            {
                ToolCalls = CacheLineExtras.ReadToolCalls(root),
                Reasoning = OptionalString(root, "reasoning"),
                Refusal = OptionalString(root, "refusal"),
                Trace = OptionalString(root, "trace"),
            };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static int? OptionalInt(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.TryGetInt32(out int number) ? number : null;

    internal static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
