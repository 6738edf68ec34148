using System.Text.Json;

namespace CiGate.Core.Targets;

/// <summary>Reads an OpenAI embeddings response (<c>data[].embedding</c> as floats, <c>data[].index</c>, <c>model</c>, <c>usage</c>).</summary>
internal static class EmbeddingsParser
{
    public static bool TryParse(ReadOnlySpan<byte> json, int expected, out ParsedCompletion result, out string problem)
    {
        result = default;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                problem = "embeddings response has no 'data' array";
                return false;
            }

            var vectors = new float[expected][];
            var position = 0;
            foreach (var entry in data.EnumerateArray())
            {
                var index = entry.TryGetProperty("index", out var i) && i.TryGetInt32(out var at) ? at : position;
                if (index < 0 || index >= expected || !entry.TryGetProperty("embedding", out var embedding) || embedding.ValueKind != JsonValueKind.Array)
                {
                    problem = $"embeddings response entry {position} has no float 'embedding' for an input (index {index} of {expected})";
                    return false;
                }

                vectors[index] = [.. embedding.EnumerateArray().Select(v => v.GetSingle())];
                position++;
            }

            if (vectors.Any(v => v is null))
            {
                problem = $"embeddings response has {position} vectors for {expected} inputs";
                return false;
            }

            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            TokenUsage? usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object && u.TryGetProperty("prompt_tokens", out var p) && p.TryGetInt32(out var promptTokens)
                ? new TokenUsage(promptTokens, 0)
                : null;
            result = new ParsedCompletion(EmbeddingsCodec.Encode(vectors), null, usage, model, null);
            problem = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            problem = "embeddings response is not valid: " + e.Message;
            return false;
        }
    }
}
