using System.Text.Json.Nodes;
using System.Text.Json;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets;
using CiGate.Core.Text;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>Reads `on:` and renders each <see cref="ResponseSubject"/> as the text an assertion reads.</summary>
internal static class ResponseSubjects
{
    private static readonly Dictionary<string, ResponseSubject> Names = new(StringComparer.Ordinal)
    {
        ["output"] = ResponseSubject.Output,
        ["reasoning"] = ResponseSubject.Reasoning,
        ["tool_calls"] = ResponseSubject.ToolCalls,
        ["refusal"] = ResponseSubject.Refusal,
    };

    public static ResponseSubject? Read(YamlNode node, YamlContext context, string section)
    {
        if (node is YamlScalarNode { Value: { } name } && Names.TryGetValue(name, out var subject))
        {
            return subject;
        }

        var written = (node as YamlScalarNode)?.Value ?? "a non-string";
        context.Report(
            DiagnosticCodes.InvalidAssertionSubject,
            node,
            $"'{section}.on' must be one of {string.Join(", ", Names.Keys)}, not '{written}'");
        return null;
    }

    /// <summary>The text the assertion reads for <paramref name="subject"/>.</summary>
    public static string Text(AssertionContext context, ResponseSubject subject) => subject switch
    {
        ResponseSubject.Reasoning => context.Reasoning ?? "",
        ResponseSubject.Refusal => context.Refusal ?? "",
        ResponseSubject.ToolCalls => ToolCallsJson(context.ToolCalls),
        _ => context.Output,
    };

    /// <summary>
    /// [{ "id", "type": "function", "function": { "name", "arguments" } }], OpenAI's shape, except that
    /// arguments that are valid JSON are the parsed value (so json-path reaches into them); invalid ones stay text.
    /// </summary>
    public static string ToolCallsJson(IReadOnlyList<ToolCall> calls)
    {
        var array = new JsonArray();
        foreach (var call in calls)
        {
            var function = new JsonObject { ["name"] = call.Name, ["arguments"] = Arguments(call.Arguments) };
            var item = new JsonObject();
            if (call.Id is not null)
            {
                item["id"] = call.Id;
            }

            item["type"] = "function";
            item["function"] = function;
            array.Add(item);
        }

        return array.ToJsonString(PlainJson.Readable);
    }

    /// <summary>The arguments parsed, or null when they are not JSON.</summary>
    public static JsonNode? TryParseArguments(string arguments)
    {
        try
        {
            return JsonNode.Parse(arguments);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Arguments(string text) => TryParseArguments(text) ?? JsonValue.Create(text);
}
