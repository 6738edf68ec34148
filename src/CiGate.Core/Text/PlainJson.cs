using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CiGate.Core.Text;

/// <summary>Plain values (strings, numbers, lists, maps) as JSON, keys in ordinal order so hashes are stable.</summary>
internal static class PlainJson
{
    public static JsonNode? From(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, From(p.Value)))),
        IDictionary<string, object?> map => new JsonObject(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, From(p.Value)))),
        IEnumerable<object?> list => new JsonArray([.. list.Select(From)]),
        _ => JsonValue.Create(JsonSerializer.Serialize(value)),
    };

    public static string Compact(object? value) => From(value)?.ToJsonString() ?? "null";

    /// <summary>
    /// Options for JSON that people and text assertions read: characters such as <c>+</c>, <c>&lt;</c>, <c>&amp;</c>
    /// and non-ASCII letters stay as written instead of <c>\u002B</c>-style escapes (never used for hashes or keys).
    /// </summary>
    public static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
