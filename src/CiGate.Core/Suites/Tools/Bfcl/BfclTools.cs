using System.Text.Json.Nodes;

namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// BFCL's functions as OpenAI tools: names with '_' for '.', and BFCL's type names mapped to JSON
/// Schema's as BFCL does for OpenAI-style APIs (<c>GORILLA_TO_OPENAPI</c>: dict → object,
/// float → number, tuple → array, any → string), through properties and items.
/// </summary>
internal static class BfclTools
{
    public static JsonArray ToOpenAi(IReadOnlyList<BfclFunction> functions) =>
        new([.. functions.Select(f =>
        {
            var source = JsonNode.Parse(f.Json)!.AsObject();
            var function = new JsonObject { ["name"] = BfclChecker.CalledName(f.Name, underscoreNames: true) };
            if (source["description"] is { } description)
            {
                function["description"] = description.DeepClone();
            }

            function["parameters"] = source["parameters"] is JsonObject parameters
                ? Schema(parameters)
                : new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
            return (JsonNode)new JsonObject { ["type"] = "function", ["function"] = function };
        })]);

    public static string? SchemaType(string? bfclType) => bfclType switch
    {
        "dict" or "object" or "HashMap" or "Hashtable" => "object",
        "float" or "double" or "number" => "number",
        "integer" or "long" or "short" or "byte" or "Bigint" => "integer",
        "tuple" or "array" or "list" or "ArrayList" or "Array" or "Queue" or "Stack" => "array",
        "boolean" or "bool" => "boolean",
        "string" or "any" or "Any" or "String" or "char" => "string",
        _ => null,
    };

    private static JsonObject Schema(JsonObject node)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in node)
        {
            copy[key] = key switch
            {
                "type" when value is JsonValue v && SchemaType((string?)v) is { } mapped => mapped,
                "properties" when value is JsonObject properties => new JsonObject([.. properties.Select(p =>
                    KeyValuePair.Create(p.Key, p.Value is JsonObject o ? (JsonNode)Schema(o) : p.Value?.DeepClone()))]),
                "items" when value is JsonObject items => Schema(items),
                _ => value?.DeepClone(),
            };
        }

        return copy;
    }
}
