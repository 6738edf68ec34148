using System.Text.Json;
using CiGate.Simulator.Text;

namespace CiGate.Simulator.Protocol;

internal static class RequestParser
{
    /// <summary>Validates the body; on failure <paramref name="error"/> is an OpenAI-style message for a 400.</summary>
    public static bool TryParse(JsonElement root, CompletionKind kind, out CompletionRequest? request, out string? error)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The request body must be a JSON object.";
            return false;
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(model.GetString()))
        {
            error = "You must provide a model parameter.";
            return false;
        }

        var instructions = "";
        var prompt = kind == CompletionKind.Chat
            ? ReadChatPrompt(root, out var promptTokens, out instructions, out error)
            : ReadTextPrompt(root, out promptTokens, out error);
        if (prompt is null || !TryReadMaxTokens(root, out var maxTokens, out error) || !TryReadStop(root, out var stop, out error))
        {
            return false;
        }

        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
            && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        request = new CompletionRequest(model.GetString()!, prompt, promptTokens, stream, includeUsage, maxTokens, stop, instructions)
        {
            AfterToolResult = kind == CompletionKind.Chat && LastRoleIsTool(root),
            IgnoreEos = root.TryGetProperty("ignore_eos", out var eos) && eos.ValueKind == JsonValueKind.True,
            MinTokens = root.TryGetProperty("min_tokens", out var min) && min.ValueKind == JsonValueKind.Number && min.TryGetInt32(out var m) ? Math.Max(0, m) : 0,
            ContinuousUsage = includeUsage && so.TryGetProperty("continuous_usage_stats", out var cu) && cu.ValueKind == JsonValueKind.True,
        };
        return RequestSurfaceParser.TryRead(root, ref request, out error);
    }

    // The prompt is the LAST user message; every message counts towards prompt_tokens. System and
    // developer messages are kept apart because the judge marker may sit there.
    private static string? ReadChatPrompt(JsonElement root, out int promptTokens, out string instructions, out string? error)
    {
        promptTokens = 0;
        instructions = "";
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array
            || messages.GetArrayLength() == 0)
        {
            error = "'messages' must be a non-empty array.";
            return null;
        }

        string? lastUser = null;
        List<string>? system = null;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                error = "Each message must be an object.";
                return null;
            }

            var content = message.TryGetProperty("content", out var c) ? ContentText(c) : "";
            promptTokens += SimpleTokenizer.Count(content);
            if (message.TryGetProperty("role", out var role) && role.ValueEquals("user"u8))
            {
                lastUser = content;
            }
            else if (message.TryGetProperty("role", out role) && (role.ValueEquals("system"u8) || role.ValueEquals("developer"u8)))
            {
                (system ??= []).Add(content);
            }
        }

        instructions = system is null ? "" : string.Join("\n\n", system);

        error = lastUser is null ? "'messages' must contain a user message." : null;
        return lastUser;
    }

    private static bool LastRoleIsTool(JsonElement root)
    {
        var messages = root.GetProperty("messages");
        var last = messages[messages.GetArrayLength() - 1];
        return last.TryGetProperty("role", out var role) && role.ValueEquals("tool"u8);
    }

    private static string ContentText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        // Content parts: concatenate the text parts, as a multimodal model would read them.
        var parts = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text)
                && text.ValueKind == JsonValueKind.String)
            {
                parts.Add(text.GetString()!);
            }
        }

        return string.Join('\n', parts);
    }

    // A prompt array is accepted but only its first element is answered (n = 1).
    private static string? ReadTextPrompt(JsonElement root, out int promptTokens, out string? error)
    {
        promptTokens = 0;
        error = null;
        if (root.TryGetProperty("prompt", out var prompt))
        {
            if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() > 0)
            {
                prompt = prompt[0];
            }

            if (prompt.ValueKind == JsonValueKind.String)
            {
                var text = prompt.GetString()!;
                promptTokens = SimpleTokenizer.Count(text);
                return text;
            }
        }

        error = "'prompt' must be a string or an array of strings.";
        return null;
    }

    private static bool TryReadMaxTokens(JsonElement root, out int? maxTokens, out string? error)
    {
        maxTokens = null;
        error = null;
        foreach (var name in (ReadOnlySpan<string>)["max_completion_tokens", "max_tokens"])
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n < 0)
            {
                error = $"'{name}' must be a non-negative integer.";
                return false;
            }

            maxTokens = n;
            return true;
        }

        return true;
    }

    private static bool TryReadStop(JsonElement root, out string[] stop, out string? error)
    {
        stop = [];
        error = null;
        if (!root.TryGetProperty("stop", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            stop = [value.GetString()!];
            return true;
        }

        error = "'stop' must be a string or an array of strings.";
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var items = new string[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            items[i++] = item.GetString()!;
        }

        stop = items;
        error = null;
        return true;
    }
}
