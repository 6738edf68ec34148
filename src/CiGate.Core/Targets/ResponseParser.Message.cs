using System.Text.Json;

namespace CiGate.Core.Targets;

/// <summary>The message of choices[0] (content, refusal, reasoning, tool calls) and the usage object.</summary>
internal static partial class ResponseParser
{
    private static string? ReadMessage(ref Utf8JsonReader reader, ref MessageExtras extras)
    {
        string? content = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                content = ReadOptionalString(ref reader);
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                reader.Read();
                extras.Refusal = ReadOptionalString(ref reader);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                // vLLM, SGLang and DeepSeek send reasoning_content; newer vLLM and OpenRouter send reasoning.
                reader.Read();
                extras.Reasoning = ReadOptionalString(ref reader) ?? extras.Reasoning;
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                extras.ToolCalls = reader.TokenType == JsonTokenType.StartArray
                    ? ReadToolCalls(ref reader)
                    : SkipToolCalls(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return content;
    }

    /// <summary>Each { id, type, function: { name, arguments } }; a call without a function name is skipped.</summary>
    private static List<ToolCall>? ReadToolCalls(ref Utf8JsonReader reader)
    {
        var calls = new List<ToolCall>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? id = null, name = null, arguments = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isId = reader.ValueTextEquals("id"u8);
                bool isFunction = !isId && reader.ValueTextEquals("function"u8);
                reader.Read();
                if (isId)
                {
                    id = ReadOptionalString(ref reader);
                }
                else if (isFunction && reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadFunction(ref reader, ref name, ref arguments);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (name is not null)
            {
                calls.Add(new ToolCall(id, name, arguments ?? "{}"));
            }
        }

        return calls.Count == 0 ? null : calls;
    }

    private static void ReadFunction(ref Utf8JsonReader reader, ref string? name, ref string? arguments)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isName = reader.ValueTextEquals("name"u8);
            bool isArguments = !isName && reader.ValueTextEquals("arguments"u8);
            reader.Read();
            if (isName)
            {
                name = ReadOptionalString(ref reader);
            }
            else if (isArguments && reader.TokenType == JsonTokenType.String)
            {
                arguments = reader.GetString();
            }
            else if (isArguments && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                // Some servers send the arguments as an object rather than a JSON text: keep its text.
                using var document = JsonDocument.ParseValue(ref reader);
                arguments = document.RootElement.GetRawText();
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static List<ToolCall>? SkipToolCalls(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static TokenUsage? ReadUsage(ref Utf8JsonReader reader)
    {
        int? prompt = null, completion = null, cached = null, reasoning = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isPrompt = reader.ValueTextEquals("prompt_tokens"u8);
            bool isCompletion = !isPrompt && reader.ValueTextEquals("completion_tokens"u8);
            bool isPromptDetails = reader.ValueTextEquals("prompt_tokens_details"u8);
            bool isCompletionDetails = reader.ValueTextEquals("completion_tokens_details"u8);
            reader.Read();
            bool isCount = isPrompt || isCompletion;
            if (reader.TokenType == JsonTokenType.Number && isCount && reader.TryGetInt32(out int value))
            {
                if (isPrompt)
                {
                    prompt = value;
                }
                else
                {
                    completion = value;
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject && (isPromptDetails || isCompletionDetails))
            {
                int? detail = ReadDetail(ref reader, isPromptDetails ? "cached_tokens"u8 : "reasoning_tokens"u8);
                if (isPromptDetails)
                {
                    cached = detail;
                }
                else
                {
                    reasoning = detail;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return prompt is { } p && completion is { } c ? new TokenUsage(p, c, cached, reasoning) : null;
    }

    private static int? ReadDetail(ref Utf8JsonReader reader, ReadOnlySpan<byte> wanted)
    {
        int? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isWanted = reader.ValueTextEquals(wanted);
            reader.Read();
            if (isWanted && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value))
            {
                found = value;
            }
            else
            {
                reader.Skip();
            }
        }

        return found;
    }

    /// <summary>What a chat message carries besides its content.</summary>
    private struct MessageExtras
    {
        public List<ToolCall>? ToolCalls;
        public string? Reasoning;
        public string? Refusal;
    }
}
