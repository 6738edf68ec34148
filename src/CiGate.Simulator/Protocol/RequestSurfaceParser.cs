using System.Text.Json;

namespace CiGate.Simulator.Protocol;

/// <summary>
/// Reads <c>tools</c>, <c>response_format</c> and the reasoning switches of a chat request, rejecting malformed ones as
/// OpenAI does (400).
/// </summary>
internal static class RequestSurfaceParser
{
    public static bool TryRead(JsonElement root, ref CompletionRequest? request, out string? error)
    {
        error = null;
        var names = new List<string>();
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind != JsonValueKind.Null)
        {
            if (tools.ValueKind != JsonValueKind.Array)
            {
                error = "'tools' must be an array.";
                return false;
            }

            foreach (var tool in tools.EnumerateArray())
            {
                if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("function", out var function)
                    || function.ValueKind != JsonValueKind.Object || !function.TryGetProperty("name", out var name)
                    || name.ValueKind != JsonValueKind.String)
                {
                    error = "Each tool must be { \"type\": \"function\", \"function\": { \"name\": ... } }.";
                    return false;
                }

                names.Add(name.GetString()!);
            }
        }

        string? format = null, schema = null;
        if (root.TryGetProperty("response_format", out var rf) && rf.ValueKind == JsonValueKind.Object)
        {
            format = rf.TryGetProperty(
                "type",
                out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
            if (format == "json_schema")
            {
                if (!rf.TryGetProperty("json_schema", out var js) || js.ValueKind != JsonValueKind.Object
                    || !js.TryGetProperty("schema", out var s) || s.ValueKind != JsonValueKind.Object)
                {
                    error = "'response_format.json_schema.schema' must be an object.";
                    return false;
                }

                schema = s.GetRawText();
            }
        }

        var reasoning = root.TryGetProperty(
            "reasoning_effort",
            out var effort) && effort.ValueKind == JsonValueKind.String
            || (root.TryGetProperty("chat_template_kwargs", out var kwargs) && kwargs.ValueKind == JsonValueKind.Object
                && kwargs.TryGetProperty(
                    "enable_thinking",
                    out var thinking) && thinking.ValueKind == JsonValueKind.True);
        request = request! with
        {
            ToolNames = names, ResponseFormat = format, JsonSchema = schema, WantsReasoning = reasoning,
        };
        return true;
    }
}
