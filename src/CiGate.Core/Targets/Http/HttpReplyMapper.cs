using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Json.Pointer;

namespace CiGate.Core.Targets.Http;

/// <summary>
/// Applies an <see cref="HttpResponseMap"/> to a reply: one JSON document, or a stream's events
/// in order. Over a stream, <c>output</c> and <c>reasoning</c> are the concatenation of every
/// event's value (deltas); every other field is the last event's value that has one.
/// </summary>
internal static class HttpReplyMapper
{
    /// <summary>Traces are for reading a failure, not for storing the app's state: longer ones are cut.</summary>
    public const int MaxTraceLength = 4096;

    // Compact JSON that keeps '+', '<', '&' and non-ASCII as they are (an assertion on "3 + 4" must
    // find it in a tool call's arguments), escaping only what JSON requires.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool TryMap(IReadOnlyList<JsonElement> events, HttpResponseMap map, out HttpReply? reply, out string problem)
    {
        reply = null;
        problem = "";
        try
        {
            if (events.Count == 0)
            {
                problem = "the reply carried no JSON (an empty body or an event stream with no data)";
                return false;
            }

            string? text = Joined(events, map.Output);
            if (text is null)
            {
                problem = $"response.output {Describe(map.Output)} is not in the reply";
                return false;
            }

            JsonElement? calls = Last(events, map.ToolCalls);
            reply = new HttpReply(
                text,
                calls is { } c ? ToolCalls(c) : [],
                Usage(events, map),
                Joined(events, map.Reasoning),
                Text(Last(events, map.Refusal)),
                Text(Last(events, map.FinishReason)),
                Text(Last(events, map.Model)),
                Trace(Last(events, map.Trace)));
            return true;
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return false;
        }
    }

    public static string Describe(JsonPointer pointer) => pointer.ToString() is { Length: > 0 } text ? text : "(the whole reply)";

    private static string? Joined(IReadOnlyList<JsonElement> events, JsonPointer? pointer)
    {
        if (pointer is null)
        {
            return null;
        }

        StringBuilder? joined = null;
        foreach (var reply in events)
        {
            if (pointer.Value.Evaluate(reply) is { } value && Text(value) is { } part)
            {
                (joined ??= new StringBuilder()).Append(part);
            }
        }

        return joined?.ToString();
    }

    private static JsonElement? Last(IReadOnlyList<JsonElement> events, JsonPointer? pointer)
    {
        if (pointer is null)
        {
            return null;
        }

        for (var i = events.Count - 1; i >= 0; i--)
        {
            if (pointer.Value.Evaluate(events[i]) is { ValueKind: not JsonValueKind.Null } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A string as it is; null as nothing; any other value as its compact JSON text.</summary>
    private static string? Text(JsonElement? value) => value switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { } other => JsonSerializer.Serialize(other, Relaxed),
    };

    private static string? Trace(JsonElement? value)
    {
        var text = value is null ? null : JsonSerializer.Serialize(value.Value, Relaxed);
        return text is { Length: > MaxTraceLength } ? string.Concat(text.AsSpan(0, MaxTraceLength), "…") : text;
    }

    private static List<ToolCall> ToolCalls(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"response.tool_calls is a {list.ValueKind.ToString().ToLowerInvariant()}, not a list");
        }

        var calls = new List<ToolCall>(list.GetArrayLength());
        foreach (var call in list.EnumerateArray())
        {
            var function = call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : call;
            if (function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"response.tool_calls item {calls.Count} has no string 'name' (nor 'function.name')");
            }

            var arguments = function.TryGetProperty("arguments", out var a) ? Text(a) ?? "{}" : "{}";
            var id = call.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            calls.Add(ToolCallResults.With(new ToolCall(id, name.GetString()!, arguments), call));
        }

        return calls;
    }

    private static TokenUsage? Usage(IReadOnlyList<JsonElement> events, HttpResponseMap map)
    {
        int? prompt = Count(Last(events, map.PromptTokens), "prompt_tokens");
        int? completion = Count(Last(events, map.CompletionTokens), "completion_tokens");
        if (prompt is null && completion is null)
        {
            return null;
        }

        return new TokenUsage(
            prompt ?? 0,
            completion ?? 0,
            Count(Last(events, map.CachedTokens), "cached_tokens"),
            Count(Last(events, map.ReasoningTokens), "reasoning_tokens"));
    }

    private static int? Count(JsonElement? value, string name) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var count) && count >= 0 => count,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) => count,
        { } other => throw new FormatException($"response.usage.{name} is {JsonSerializer.Serialize(other)}, not a token count"),
    };
}
