using System.Text.Json;
using Microsoft.Extensions.AI;

namespace CiGate.Target;

/// <summary>A <see cref="TargetRequest"/> as Microsoft.Extensions.AI messages and options.</summary>
internal static class ChatRequestMapping
{
    public static IList<ChatMessage> ToChatMessages(TargetRequest request)
    {
        if (request.Messages.Count == 0)
        {
            return request.Prompt is null
                ? throw new CiGateTargetException("The request has neither messages nor a prompt.")
                : [new ChatMessage(ChatRole.User, request.Prompt)];
        }

        var messages = new List<ChatMessage>(request.Messages.Count);
        foreach (var message in request.Messages)
        {
            var chat = new ChatMessage(Role(message.Role), Contents(message)) { AuthorName = message.Name };
            messages.Add(chat);
        }

        return messages;
    }

    public static ChatOptions ToChatOptions(TargetRequest request)
    {
        var o = request.Options;
        var options = new ChatOptions
        {
            MaxOutputTokens = o.MaxTokens,
            Temperature = o.Temperature is { } t ? (float)t : null,
            Seed = o.Seed,
            StopSequences = o.Stop.Count > 0 ? [.. o.Stop] : null,
        };
        if (request.Tools.Count > 0)
        {
            options.Tools = [.. request.Tools.Select(Declaration)];
        }

        if (request.ToolChoice is { } choice)
        {
            options.ToolMode = ToolMode(choice);
        }

        if (request.ResponseFormat is { } format)
        {
            options.ResponseFormat = ResponseFormat(format);
        }

        options.AllowMultipleToolCalls = request.ParallelToolCalls;
        return options;
    }

    private static ChatRole Role(string role) => role switch
    {
        "system" or "developer" => ChatRole.System,
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        "tool" => ChatRole.Tool,
        _ => new ChatRole(role),
    };

    private static List<AIContent> Contents(TargetMessage message)
    {
        var contents = new List<AIContent>();
        if (message.ToolCallId is { } callId)
        {
            contents.Add(new FunctionResultContent(callId, message.Content));
            return contents;
        }

        var raw = message.RawContent;
        if (raw.ValueKind == JsonValueKind.String)
        {
            contents.Add(new TextContent(raw.GetString()));
        }
        else if (raw.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in raw.EnumerateArray())
            {
                contents.Add(Part(part));
            }
        }

        foreach (var call in message.ToolCalls)
        {
            contents.Add(new FunctionCallContent(call.Id ?? "", call.Name, ParseArguments(call.Arguments)));
        }

        return contents;
    }

    private static AIContent Part(JsonElement part)
    {
        var type = ProtocolJson.String(part, "type");
        if (type == "text")
        {
            return new TextContent(ProtocolJson.String(part, "text"));
        }

        if (type == "image_url" && part.TryGetProperty("image_url", out var image)
            && ProtocolJson.String(image, "url") is { } url)
        {
            return url.StartsWith("data:", StringComparison.Ordinal)
                ? new DataContent(url)
                : new UriContent(new Uri(url), "image/*");
        }

        throw new CiGateTargetException($"A message part of type '{type}' is not supported (text, image_url).");
    }

    private static Dictionary<string, object?>? ParseArguments(string arguments)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments, AIJsonUtilities.DefaultOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AITool Declaration(JsonElement tool)
    {
        if (ProtocolJson.String(tool, "type") is not ("function" or null)
            || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
            || ProtocolJson.String(function, "name") is not { Length: > 0 } name)
        {
            throw new CiGateTargetException("A tool must be {\"type\":\"function\",\"function\":{\"name\":...}}.");
        }

        var schema = function.TryGetProperty("parameters", out var parameters)
            && parameters.ValueKind == JsonValueKind.Object
            ? parameters
            : EmptyObjectSchema;
        return AIFunctionFactory.CreateDeclaration(name, ProtocolJson.String(function, "description"), schema);
    }

    private static readonly JsonElement EmptyObjectSchema =
        JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private static ChatToolMode ToolMode(JsonElement choice)
    {
        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "auto" => ChatToolMode.Auto,
                "none" => ChatToolMode.None,
                "required" => ChatToolMode.RequireAny,
                var other => throw new CiGateTargetException(
                    $"tool_choice '{other}' is not one of auto, none, required."),
            };
        }

        return choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var f)
            && ProtocolJson.String(f, "name") is { Length: > 0 } name
            ? ChatToolMode.RequireSpecific(name)
            : throw new CiGateTargetException(
                "tool_choice must be a string or {\"type\":\"function\",\"function\":{\"name\":...}}.");
    }

    private static ChatResponseFormat ResponseFormat(JsonElement format)
    {
        switch (ProtocolJson.String(format, "type"))
        {
            case "text":
                return ChatResponseFormat.Text;
            case "json_object":
                return ChatResponseFormat.Json;
            case "json_schema" when format.TryGetProperty("json_schema", out var spec)
                && spec.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object:
                return ChatResponseFormat.ForJsonSchema(
                    schema.Clone(), ProtocolJson.String(spec, "name"), ProtocolJson.String(spec, "description"));
            default:
                throw new CiGateTargetException(
                    "response_format must be {\"type\":\"text\"}, {\"type\":\"json_object\"} or "
                    + "{\"type\":\"json_schema\",\"json_schema\":{\"name\":...,\"schema\":{...}}}.");
        }
    }
}
