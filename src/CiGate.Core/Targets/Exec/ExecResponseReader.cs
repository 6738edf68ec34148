using System.Text.Encodings.Web;
using System.Text.Json;

namespace CiGate.Core.Targets.Exec;

/// <summary>Reads a <c>response</c> object: <c>output</c> is required, everything else optional.</summary>
internal static class ExecResponseReader
{
    private static readonly JsonSerializerOptions Relaxed =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ExecReply Read(JsonElement root, string? id)
    {
        var output = ExecProtocol.Text(root, "output");
        return new ExecReply(ExecReplyKind.Response, id)
        {
            Output = output,
            Problem = output is null ? "the response has no 'output' string" : null,
            ToolCalls = ToolCalls(root),
            Reasoning = ExecProtocol.Text(root, "reasoning"),
            Refusal = ExecProtocol.Text(root, "refusal"),
            FinishReason = ExecProtocol.Text(root, "finish_reason"),
            Usage = Usage(root),
            Model = ExecProtocol.Text(root, "model"),
            Trace = Trace(root),
        };
    }

    /// <summary>The <c>trace</c> value, any JSON but null, as compact JSON cut as an http target's is.</summary>
    private static string? Trace(JsonElement root)
    {
        if (!root.TryGetProperty("trace", out var trace) || trace.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = JsonSerializer.Serialize(trace, Relaxed);
        return text.Length > Http.HttpReplyMapper.MaxTraceLength
            ? string.Concat(text.AsSpan(0, Http.HttpReplyMapper.MaxTraceLength), "…")
            : text;
    }

    private static List<ToolCall> ToolCalls(JsonElement root)
    {
        var calls = new List<ToolCall>();
        if (!root.TryGetProperty("tool_calls", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return calls;
        }

        foreach (var call in list.EnumerateArray())
        {
            if (call.ValueKind != JsonValueKind.Object || ExecProtocol.Text(call, "name") is not { } name)
            {
                continue;
            }

            // Arguments are a JSON text as models send them; an app that sends an object gets it as compact JSON.
            var arguments = call.TryGetProperty("arguments", out var args)
                ? args.ValueKind == JsonValueKind.String ? args.GetString()! : JsonSerializer.Serialize(args, Relaxed)
                : "{}";
            calls.Add(ToolCallResults.With(new ToolCall(ExecProtocol.Text(call, "id"), name, arguments), call));
        }

        return calls;
    }

    private static TokenUsage? Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object
            || Int(usage, "prompt_tokens") is not { } prompt || Int(usage, "completion_tokens") is not { } completion)
        {
            return null;
        }

        return new TokenUsage(prompt, completion, Int(usage, "cached_tokens"), Int(usage, "reasoning_tokens"));
    }

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt32(out var n)
            ? n
            : null;
}
