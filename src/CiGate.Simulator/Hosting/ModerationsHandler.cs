using System.Buffers;
using System.Text.Json;
using CiGate.Simulator.Hashing;
using CiGate.Simulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace CiGate.Simulator.Hosting;

/// <summary>
/// Serves <c>POST /v1/moderations</c> in OpenAI's shape with <see cref="SimulatedModerationScores"/>.
/// Any model name is accepted and reported as its dated served version. An input containing
/// <see cref="SimulatedJudge.GarbageMarker"/> gets a result with no scores and no verdict, so a
/// client can be tested on a reply it cannot use. Faults and latency are not simulated here.
/// </summary>
internal sealed class ModerationsHandler
{
    private const int MaxInputs = 32;

    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        try
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, default, ct);
            }
            catch (JsonException)
            {
                await OpenAiErrors.BadRequestAsync(context, "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.", ct);
                return;
            }

            using (document)
            {
                if (Parse(document.RootElement, out var model, out var inputs) is { } error)
                {
                    await OpenAiErrors.BadRequestAsync(context, error, ct);
                    return;
                }

                await JsonBody.WriteAsync(context, StatusCodes.Status200OK, Render(model, inputs), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away (or the server is stopping).
        }
    }

    private static string? Parse(JsonElement root, out string model, out List<string> inputs)
    {
        (model, inputs) = ("omni-moderation-latest", []);
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "The request body must be a JSON object.";
        }

        if (root.TryGetProperty("model", out var m) && m.ValueKind != JsonValueKind.Null)
        {
            if (m.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(m.GetString()))
            {
                return "'model' must be a non-empty string.";
            }

            model = m.GetString()!;
        }

        const string inputError = "'input' must be a string, or a non-empty array of at most 32 strings or {\"type\": \"text\", \"text\": ...} objects.";
        if (!root.TryGetProperty("input", out var input))
        {
            return inputError;
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            inputs.Add(input.GetString()!);
            return null;
        }

        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() is 0 or > MaxInputs)
        {
            return inputError;
        }

        foreach (var entry in input.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.String)
            {
                inputs.Add(entry.GetString()!);
            }
            else if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("type", out var type) && type.ValueEquals("text"u8)
                && entry.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                inputs.Add(text.GetString()!);
            }
            else
            {
                return inputError;
            }
        }

        return null;
    }

    private static ReadOnlyMemory<byte> Render(string model, List<string> inputs)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 * inputs.Count);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id"u8, $"modr-{StableHash.Mix(StableHash.OfText(string.Join('\u0000', inputs))):x16}");
            w.WriteString("model"u8, SimulatorModel.ServedVersion(model));
            w.WriteStartArray("results"u8);
            foreach (var input in inputs)
            {
                w.WriteStartObject();
                if (!input.Contains(SimulatedJudge.GarbageMarker, StringComparison.Ordinal))
                {
                    WriteResult(w, SimulatedModerationScores.Of(input));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void WriteResult(Utf8JsonWriter w, IReadOnlyList<(string Category, double Score)> scores)
    {
        w.WriteBoolean("flagged"u8, scores.Any(s => s.Score >= SimulatedModerationScores.FlagAt));
        w.WriteStartObject("categories"u8);
        foreach (var (category, score) in scores)
        {
            w.WriteBoolean(category, score >= SimulatedModerationScores.FlagAt);
        }

        w.WriteEndObject();
        w.WriteStartObject("category_scores"u8);
        foreach (var (category, score) in scores)
        {
            w.WriteNumber(category, score);
        }

        w.WriteEndObject();
        w.WriteStartObject("category_applied_input_types"u8);
        foreach (var (category, _) in scores)
        {
            w.WriteStartArray(category);
            w.WriteStringValue("text"u8);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
