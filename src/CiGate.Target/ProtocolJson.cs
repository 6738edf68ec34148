using System.Text.Json;

namespace CiGate.Target;

/// <summary>What one input line of the protocol says.</summary>
internal abstract record ProtocolLine
{
    /// <summary><c>{"type":"hello","protocol":...}</c>.</summary>
    public sealed record Hello(string? Protocol) : ProtocolLine;

    /// <summary>A well-formed request.</summary>
    public sealed record Request(TargetRequest Value) : ProtocolLine;

    /// <summary>A line that cannot be served; <paramref name="Id"/> when one was read (it gets an error).</summary>
    public sealed record Malformed(string? Id, string Message) : ProtocolLine;
}

/// <summary>Reads request lines of cigate-exec/1 (one JSON object per line).</summary>
internal static class ProtocolJson
{
    public const string Version = "cigate-exec/1";

    public static ProtocolLine Read(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return new ProtocolLine.Malformed(null, $"not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ProtocolLine.Malformed(null, "a line must be a JSON object");
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()
                : null;
            var type = String(root, "type");
            try
            {
                return type switch
                {
                    "hello" => new ProtocolLine.Hello(String(root, "protocol")),
                    "request" when id is null => new ProtocolLine.Malformed(null, "a request needs a string \"id\""),
                    "request" => new ProtocolLine.Request(ReadRequest(root.Clone(), id)),
                    _ => new ProtocolLine.Malformed(id, $"unknown line type '{type}' (expected hello or request)"),
                };
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or CiGateTargetException)
            {
                return new ProtocolLine.Malformed(id, $"malformed request: {e.Message}");
            }
        }
    }

    /// <summary>A string property, or null when absent, null or not a string.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static TargetRequest ReadRequest(JsonElement root, string id)
    {
        var messages = Array(root, "messages").Select(ReadMessage).ToList();
        var prompt = String(root, "prompt");
        if (messages.Count == 0 && prompt is null)
        {
            throw new CiGateTargetException("it has neither \"messages\" nor \"prompt\"");
        }

        var vars = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("vars", out var v) && v.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in v.EnumerateObject())
            {
                vars[property.Name] = property.Value;
            }
        }

        return new TargetRequest
        {
            Id = id,
            Item = String(root, "item"),
            Messages = messages,
            Prompt = prompt,
            Vars = vars,
            Options = ReadOptions(root.TryGetProperty("options", out var o) ? o : default),
            Tools = [.. Array(root, "tools")],
            ToolChoice = Present(root, "tool_choice"),
            ResponseFormat = Present(root, "response_format"),
            ParallelToolCalls = Present(root, "parallel_tool_calls") is { } parallel
                ? parallel.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new CiGateTargetException("parallel_tool_calls must be true or false"),
                }
                : null,
            Json = root,
        };
    }

    private static TargetMessage ReadMessage(JsonElement message)
    {
        var role = String(message, "role") ?? throw new CiGateTargetException("a message needs a string \"role\"");
        var content = message.TryGetProperty("content", out var c) ? c : default;
        string? text = content.ValueKind switch
        {
            JsonValueKind.String => content.GetString(),
            JsonValueKind.Array => string.Concat(content.EnumerateArray()
                .Where(p => String(p, "type") == "text").Select(p => String(p, "text"))),
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => throw new CiGateTargetException("a message's \"content\" must be a string, an array of parts or null"),
        };
        return new TargetMessage
        {
            Role = role,
            Content = text,
            RawContent = content,
            ToolCalls = [.. Array(message, "tool_calls").Select(ReadToolCall)],
            ToolCallId = String(message, "tool_call_id"),
            Name = String(message, "name"),
        };
    }

    // Both the OpenAI shape ({"id","type","function":{"name","arguments"}}) and the reply's flat one.
    private static TargetToolCall ReadToolCall(JsonElement call)
    {
        var function = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : call;
        var name = String(function, "name") ?? throw new CiGateTargetException("a tool call needs a \"name\"");
        var arguments = function.TryGetProperty("arguments", out var a)
            ? a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText()
            : "{}";
        return new TargetToolCall(String(call, "id"), name, arguments);
    }

    private static TargetGenerationOptions ReadOptions(JsonElement options)
    {
        if (options.ValueKind != JsonValueKind.Object)
        {
            return new TargetGenerationOptions();
        }

        var stop = options.TryGetProperty("stop", out var s) ? s : default;
        return new TargetGenerationOptions
        {
            MaxTokens = Number(options, "max_tokens")?.GetInt32(),
            Temperature = Number(options, "temperature")?.GetDouble(),
            Seed = Number(options, "seed")?.GetInt64(),
            Stop = stop.ValueKind switch
            {
                JsonValueKind.String => [s.GetString()!],
                JsonValueKind.Array => [.. s.EnumerateArray().Select(e => e.GetString()
                    ?? throw new CiGateTargetException("\"stop\" must hold strings"))],
                _ => [],
            },
        };
    }

    private static JsonElement? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value : null;

    private static JsonElement? Present(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}
