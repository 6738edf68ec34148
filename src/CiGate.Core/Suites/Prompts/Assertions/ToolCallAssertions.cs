using System.Text.Json.Nodes;
using System.Text.Json;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Text;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>
/// Assertions on the tool calls: promptfoo's <c>is-valid-openai-tools-call</c> (every call names an
/// offered tool and its arguments match that tool's parameters schema) and <c>tool-call</c> (some
/// call names the given function; <c>value</c> is a name or { name, arguments: { ... } } whose
/// arguments must be a subset of the call's).
/// </summary>
internal static class ToolCallAssertions
{
    private static readonly EvaluationOptions SchemaOptions = new() { OutputFormat = OutputFormat.List };

    public static IAssertion? IsValidToolsCall(AssertionSpec spec)
    {
        if (spec.Value is not null)
        {
            spec.Report(
                DiagnosticCodes.InvalidValue,
                spec.Value,
                $"'{spec.Type}' takes no 'value': the tools come from the suite's request.tools");
            return null;
        }

        return spec.Build(c =>
        {
            const string Expectation = "be tool calls of the offered tools with valid arguments";
            if (c.ToolCalls.Count == 0)
            {
                return Check.Binary(false, Expectation, "the target called no tool");
            }

            foreach (var call in c.ToolCalls)
            {
                if (Problem(call, c.Tools) is { } problem)
                {
                    return Check.Binary(false, Expectation, $"{call.Name}: {problem}");
                }
            }

            return Check.Binary(true, Expectation);
        });
    }

    public static IAssertion? Called(AssertionSpec spec)
    {
        var node = spec.RequireValue("the function name, or { name: NAME, arguments: { ... } }");
        if (node is null)
        {
            return null;
        }

        string? name;
        JsonObject? arguments = null;
        if (node is YamlScalarNode { Value: { } text })
        {
            name = text;
        }
        else if (YamlJson.ToNode(node) is JsonObject map
            && map["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String
            && map["arguments"] is null or JsonObject && map.Count <= 2)
        {
            name = (string?)n;
            arguments = map["arguments"] as JsonObject;
        }
        else
        {
            spec.Report(
                DiagnosticCodes.InvalidValue,
                node,
                $"'{spec.Section}.value' must be a function name or {{ name: NAME, arguments: {{ ... }} }}");
            return null;
        }

        var expectation = arguments is null ? $"call {name}" : $"call {name} with {arguments.ToJsonString(PlainJson.Readable)}";
        return spec.Build(c =>
        {
            var named = c.ToolCalls.Where(t => t.Name == name).ToList();
            if (named.Count == 0)
            {
                var called = c.ToolCalls.Count == 0 ? "no tool" : string.Join(", ", c.ToolCalls.Select(t => t.Name));
                return Check.Binary(false, expectation, $"called {called}");
            }

            var holds = arguments is null || named.Any(t => HasArguments(t, arguments));
            return Check.Binary(holds, expectation, $"got {Text.Quote(named[0].Arguments, 80)}");
        });
    }

    private static string? Problem(Targets.ToolCall call, JsonArray? tools)
    {
        var tool = tools?.OfType<JsonObject>().FirstOrDefault(t => (string?)t["function"]?["name"] == call.Name);
        if (tool is null)
        {
            return tools is null ? "the request offered no tools" : "not one of the offered tools";
        }

        if (ResponseSubjects.TryParseArguments(call.Arguments) is not JsonObject arguments)
        {
            return $"arguments are not a JSON object: {Text.Quote(call.Arguments, 60)}";
        }

        if (tool["function"]?["parameters"] is not JsonObject parameters)
        {
            return null;
        }

        try
        {
            var schema = JsonSchema.FromText(
                parameters.ToJsonString(),
                new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            using var document = JsonDocument.Parse(arguments.ToJsonString());
            var results = schema.Evaluate(document.RootElement, SchemaOptions);
            if (results.IsValid)
            {
                return null;
            }

            var first = results.Details?.FirstOrDefault(d => d.Errors is { Count: > 0 }) ?? results;
            var location = first.InstanceLocation.ToString();
            var error = first.Errors?.Values.FirstOrDefault() ?? "invalid";
            var at = location.Length == 0 ? "$" : location;
            return $"arguments do not match the parameters schema at {at}: {error}";
        }
        catch (Exception ex) when (ex is JsonException or JsonSchemaException or RefResolutionException
            or ArgumentException or InvalidOperationException)
        {
            return $"the tool's parameters are not a valid JSON schema: {ex.Message.ReplaceLineEndings(" ")}";
        }
    }

    private static bool HasArguments(Targets.ToolCall call, JsonObject expected) =>
        ResponseSubjects.TryParseArguments(call.Arguments) is JsonObject actual && Contains(actual, expected);

    /// <summary>Every key of <paramref name="expected"/> is in <paramref name="actual"/> with an equal value.</summary>
    private static bool Contains(JsonObject actual, JsonObject expected) =>
        expected.All(p => actual.TryGetPropertyValue(p.Key, out var value) && JsonNode.DeepEquals(value, p.Value));
}
