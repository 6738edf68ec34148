using System.Text.Json;

namespace CiGate.Core.Targets;

/// <summary>
/// Forward-only parse of a chat or completions response: reads choices[0] and the top-level
/// metadata, skips everything else without materialising it.
/// </summary>
internal static partial class ResponseParser
{
    private const string Stop = "stop";
    private const string Length = "length";

    /// <param name="expectedModel">Returned as-is when the served model matches, saving a string per response.</param>
    public static bool TryParse(ReadOnlySpan<byte> json, TargetApi api, string expectedModel, out ParsedCompletion result, out string problem)
    {
        result = default;
        try
        {
            return TryParseCore(json, api, expectedModel, out result, out problem);
        }
        catch (JsonException e)
        {
            problem = "response is not valid JSON: " + e.Message;
            return false;
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString on a token of the wrong type lands here.
            problem = "response JSON has an unexpected shape: " + e.Message;
            return false;
        }
    }

    private static bool TryParseCore(ReadOnlySpan<byte> json, TargetApi api, string expectedModel, out ParsedCompletion result, out string problem)
    {
        result = default;
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problem = "response is not a JSON object";
            return false;
        }

        bool sawChoice = false;
        string? text = null, finish = null, model = null, fingerprint = null;
        MessageExtras extras = default;
        TokenUsage? usage = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    sawChoice = ReadChoices(ref reader, api, ref text, ref finish, ref extras);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                usage = reader.TokenType == JsonTokenType.StartObject ? ReadUsage(ref reader) : SkipNull(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                model = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(expectedModel) ? expectedModel : ReadOptionalString(ref reader);
            }
            else if (reader.ValueTextEquals("system_fingerprint"u8))
            {
                reader.Read();
                fingerprint = ReadOptionalString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!sawChoice)
        {
            problem = "response has no choices";
            return false;
        }

        if (text is null)
        {
            problem = api == TargetApi.Chat ? "choices[0] has no message" : "choices[0] has no text";
            return false;
        }

        result = new ParsedCompletion(text, finish, usage, model, fingerprint)
        {
            ToolCalls = extras.ToolCalls is null ? Array.Empty<ToolCall>() : extras.ToolCalls,
            Reasoning = extras.Reasoning,
            Refusal = extras.Refusal,
        };
        problem = string.Empty;
        return true;
    }

    private static bool ReadChoices(
        ref Utf8JsonReader reader,
        TargetApi api,
        ref string? text,
        ref string? finish,
        ref MessageExtras extras)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadChoice(ref reader, api, ref text, ref finish, ref extras);
        }
        else
        {
            reader.Skip();
        }

        // Only choices[0] matters (n = 1); skip the rest.
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }

        return true;
    }

    private static void ReadChoice(
        ref Utf8JsonReader reader,
        TargetApi api,
        ref string? text,
        ref string? finish,
        ref MessageExtras extras)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                finish = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(Stop) ? Stop
                    : reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(Length) ? Length
                    : ReadOptionalString(ref reader);
            }
            else if (api == TargetApi.Chat && reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    // A message whose content is null (refusal, tool call) is an empty answer, not a bad response.
                    text = ReadMessage(ref reader, ref extras) ?? string.Empty;
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (api == TargetApi.Completions && reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                text = ReadOptionalString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static string? ReadOptionalString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static TokenUsage? SkipNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}
