using CiGate.Core.Diagnostics;
using CiGate.Core.Targets.Http;
using CiGate.Core.Targets;
using Json.Pointer;

namespace CiGate.Core.Config.TargetReaders;

/// <summary>Reads an http target's <c>response</c> mapping: JSON Pointers, <c>output</c> required.</summary>
internal static class HttpResponseReader
{
    public static HttpResponseMap? Read(MapReader? map, MapReader target)
    {
        if (map is null)
        {
            if (!target.Has("response"))
            {
                target.Context.Report(DiagnosticCodes.MissingKey, target.Node, $"'{target.Section}' is missing the required key 'response' (at least 'response.output', a JSON Pointer such as /answer)");
            }

            return null;
        }

        var output = Pointer(map, "output", required: true);
        var usage = map.Map("usage");
        var result = new HttpResponseMap(output ?? JsonPointer.Empty)
        {
            ToolCalls = Pointer(map, "tool_calls"),
            Reasoning = Pointer(map, "reasoning"),
            Refusal = Pointer(map, "refusal"),
            FinishReason = Pointer(map, "finish_reason"),
            Model = Pointer(map, "model"),
            Trace = Pointer(map, "trace"),
            PromptTokens = usage is null ? null : Pointer(usage, "prompt_tokens"),
            CompletionTokens = usage is null ? null : Pointer(usage, "completion_tokens"),
            CachedTokens = usage is null ? null : Pointer(usage, "cached_tokens"),
            ReasoningTokens = usage is null ? null : Pointer(usage, "reasoning_tokens"),
        };
        usage?.Finish();
        map.Finish();
        return output is null ? null : result;
    }

    private static JsonPointer? Pointer(MapReader map, string key, bool required = false)
    {
        var text = map.String(key, required);
        if (text is null)
        {
            return null;
        }

        if (JsonPointer.TryParse(text, out var pointer))
        {
            return pointer;
        }

        map.Context.Report(
            DiagnosticCodes.HttpBadPointer,
            map.Get(key)!,
            $"'{map.Section}.{key}' is not a JSON Pointer (RFC 6901): '{text}'; write one such as /answer or /choices/0/text (~1 for '/', ~0 for '~')");
        return null;
    }
}
