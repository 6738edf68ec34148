using System.Buffers;
using System.Text.Json;
using CiGate.Simulator.Hashing;
using CiGate.Simulator.Protocol;
using CiGate.Simulator.Text;
using Microsoft.AspNetCore.Http;

namespace CiGate.Simulator.Hosting;

/// <summary>
/// <c>POST /tokenize</c> in vLLM's shape: <c>{model, prompt}</c> (or <c>messages</c>) →
/// <c>{count, max_model_len, tokens}</c>, with the simulator's own tokenizer, so the count is the
/// prompt_tokens a completion of the same prompt reports. Token ids are stable hashes of the tokens.
/// </summary>
internal sealed class TokenizeHandler(IEnumerable<SimulatorModel> models)
{
    /// <summary>What /tokenize reports as max_model_len; the simulator itself has no context limit.</summary>
    public const int MaxModelLength = 32768;

    private readonly HashSet<string> names = [.. models.Select(m => m.Name)];

    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, ct);
        }
        catch (JsonException)
        {
            await OpenAiErrors.BadRequestAsync(context, "The body of /tokenize must be JSON: {\"model\": ..., \"prompt\": ...}.", ct);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var model = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (model is not null && !names.Contains(model))
            {
                await OpenAiErrors.WriteAsync(context, StatusCodes.Status404NotFound, $"The model `{model}` does not exist.", "invalid_request_error", "model_not_found", ct);
                return;
            }

            if (Text(root) is not { } text)
            {
                await OpenAiErrors.BadRequestAsync(context, "/tokenize needs 'prompt' (a string) or 'messages' (a list of {role, content}).", ct);
                return;
            }

            await JsonBody.WriteAsync(context, StatusCodes.Status200OK, Render(text), ct);
        }
    }

    internal static ReadOnlyMemory<byte> Render(string text)
    {
        var ends = SimpleTokenizer.TokenEnds(text);
        var buffer = new ArrayBufferWriter<byte>(64 + (ends.Length * 8));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("count"u8, ends.Length);
            w.WriteNumber("max_model_len"u8, MaxModelLength);
            w.WriteStartArray("tokens"u8);
            var start = 0;
            foreach (var end in ends)
            {
                w.WriteNumberValue((int)(StableHash.OfText(text[start..end].Trim()) % 100_000));
                start = end;
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static string? Text(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String)
        {
            return prompt.GetString();
        }

        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            // Contents side by side, as the chat endpoint counts them: the simulator has no chat template.
            return string.Join(" ", messages.EnumerateArray()
                .Select(message => message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null)
                .OfType<string>());
        }

        return null;
    }
}
