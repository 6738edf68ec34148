using System.Text.Encodings.Web;
using System.Text.Json;

namespace CiGate.Core.Targets;

/// <summary>
/// The result of a call that a target ran itself (an app with its own agent loop): a tool call's
/// optional <c>result</c> (a string as is, any other JSON as compact JSON) and <c>error</c> (true when
/// the tool failed), read the same way from an http target's mapped calls, an exec reply and a cache line.
/// </summary>
internal static class ToolCallResults
{
    private static readonly JsonSerializerOptions Relaxed =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ToolCall With(ToolCall call, JsonElement source)
    {
        if (source.ValueKind != JsonValueKind.Object || !source.TryGetProperty("result", out var result)
            || result.ValueKind == JsonValueKind.Null)
        {
            return call;
        }

        var text = result.ValueKind == JsonValueKind.String
            ? result.GetString()!
            : JsonSerializer.Serialize(result, Relaxed);
        var error = source.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.True;
        return call with { Result = text, ResultIsError = error };
    }
}
