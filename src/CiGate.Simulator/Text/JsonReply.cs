using System.Text.Json;
using System.Text.Json.Nodes;

namespace CiGate.Simulator.Text;

/// <summary>
/// Shapes a reply for <c>response_format</c>: a reply that already is a JSON object is sent as it is;
/// otherwise json_object wraps it as <c>{"answer": text}</c> and json_schema builds an instance of the
/// schema (each string property holds the text, numbers 0, booleans false, enums their first value).
/// </summary>
internal static class JsonReply
{
    private const int MaxDepth = 16;

    public static string Shape(string text, string? schema)
    {
        if (IsJsonObject(text))
        {
            return text;
        }

        if (schema is null)
        {
            return new JsonObject { ["answer"] = text }.ToJsonString();
        }

        return Instance(JsonNode.Parse(schema), text, 0)?.ToJsonString() ?? "null";
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonNode? Instance(JsonNode? schema, string text, int depth)
    {
        if (schema is not JsonObject s || depth > MaxDepth)
        {
            return JsonValue.Create(text);
        }

        if (s["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[0]?.DeepClone();
        }

        if (s["const"] is { } constant)
        {
            return constant.DeepClone();
        }

        var type = s["type"] is JsonArray types
            ? (string?)types.FirstOrDefault(t => (string?)t != "null")
            : (string?)s["type"];
        switch (type)
        {
            case "object":
                var result = new JsonObject();
                foreach (var (name, property) in s["properties"] as JsonObject ?? [])
                {
                    result[name] = Instance(property, text, depth + 1);
                }

                return result;
            case "array":
                var minItems = (int?)s["minItems"] ?? 0;
                var array = new JsonArray();
                for (var i = 0; i < minItems; i++)
                {
                    array.Add(Instance(s["items"], text, depth + 1));
                }

                return array;
            case "integer" or "number":
                return JsonValue.Create((double?)s["minimum"] ?? 0);
            case "boolean":
                return JsonValue.Create(false);
            case "null":
                return null;
            default:
                return JsonValue.Create(text);
        }
    }
}
