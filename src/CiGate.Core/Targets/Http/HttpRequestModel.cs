using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban.Runtime;

namespace CiGate.Core.Targets.Http;

/// <summary>
/// The variables an http target's templates see: <c>vars</c> (the case's variables; empty for
/// accuracy and safety suites), <c>messages</c> (a list of <c>{role, content}</c>), <c>prompt</c>
/// (the completions prompt, else the last message's content), <c>item_id</c>, and the function
/// <c>json</c>, which inserts a value as JSON rather than as text.
/// </summary>
internal static class HttpRequestModel
{
    /// <summary>Brackets what <c>json</c> returned, so the body writer can tell a JSON value from text.</summary>
    public const char JsonStart = '\uE000';

    public const char JsonEnd = '\uE001';

    // As the body writer escapes: only what JSON requires (a '+' or '<' stays as it is).
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ScriptObject Build(ModelRequest request)
    {
        var vars = new ScriptObject();
        foreach (var (name, value) in request.Vars ?? new Dictionary<string, object?>())
        {
            vars.SetValue(name, value, readOnly: false);
        }

        var messages = new ScriptArray();
        foreach (var message in request.Messages ?? [])
        {
            var item = new ScriptObject();
            item.SetValue("role", message.Role, readOnly: false);
            item.SetValue("content", message.Content, readOnly: false);
            messages.Add(item);
        }

        var model = new ScriptObject();
        model.SetValue("vars", vars, readOnly: true);
        model.SetValue("messages", messages, readOnly: true);
        model.SetValue("prompt", request.Prompt ?? (request.Messages is { Count: > 0 } m ? m[^1].Content : ""), readOnly: true);
        model.SetValue("item_id", request.ItemId ?? "", readOnly: true);
        model.Import("json", new Func<object?, string>(value => $"{JsonStart}{ToJson(value)?.ToJsonString(Relaxed) ?? "null"}{JsonEnd}"));
        return model;
    }

    /// <summary>Text with each <c>json</c> result left as its plain JSON text (URL, string bodies, text around a value).</summary>
    public static string Unwrap(string text) =>
        text.Contains(JsonStart, StringComparison.Ordinal)
            ? text.Replace(JsonStart.ToString(), "", StringComparison.Ordinal).Replace(JsonEnd.ToString(), "", StringComparison.Ordinal)
            : text;

    /// <summary>The JSON text when <paramref name="text"/> is exactly one <c>json</c> result and nothing else.</summary>
    public static string? WholeJson(string text)
    {
        string trimmed = text.Trim();
        return trimmed.Length >= 2 && trimmed[0] == JsonStart && trimmed[^1] == JsonEnd
            && trimmed.IndexOf(JsonStart, 1) < 0 && trimmed.IndexOf(JsonEnd, StringComparison.Ordinal) == trimmed.Length - 1
            ? trimmed[1..^1]
            : null;
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
        float f => ToJson((double)f),
        decimal m => JsonValue.Create(m),
        BigInteger big => JsonNode.Parse(big.ToString(CultureInfo.InvariantCulture)),
        IDictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(ToJson)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
