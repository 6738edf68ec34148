using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts.Assertions;
using CiGate.Core.Targets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts;

/// <summary>
/// Reads a prompts suite's or a test case's <c>request:</c> block: tools, tool_choice,
/// parallel_tool_calls, response_format, in OpenAI's shapes (as promptfoo's provider config takes
/// them). tools and response_format may be <c>file://path</c> (JSON or YAML, relative to the config).
/// </summary>
internal static class RequestSurfaceReader
{
    private const string FilePrefix = "file://";

    private static readonly string[] ToolChoiceWords = ["none", "auto", "required"];

    private static readonly string[] FormatTypes = ["text", "json_object", "json_schema"];

    /// <summary>Null when the block is absent or invalid (problems are reported at their nodes).</summary>
    public static RequestSurface? Read(MapReader? map, string baseDirectory)
    {
        if (map is null)
        {
            return null;
        }

        var tools = map.Get("tools") is { } toolsNode ? ReadTools(toolsNode, map, baseDirectory) : null;
        var choice = map.Get("tool_choice") is { } choiceNode ? ReadToolChoice(choiceNode, map) : null;
        var parallel = map.Bool("parallel_tool_calls");
        var format = map.Get("response_format") is { } formatNode ? ReadFormat(formatNode, map, baseDirectory) : null;
        map.Finish();
        var surface = new RequestSurface(tools, choice, parallel, format);
        return surface.IsEmpty ? null : surface;
    }

    private static JsonArray? ReadTools(YamlNode node, MapReader map, string baseDirectory)
    {
        var section = $"{map.Section}.tools";
        if (Load(node, map.Context, section, baseDirectory) is not { } loaded)
        {
            return null;
        }

        if (loaded is not JsonArray tools)
        {
            map.Context.Report(
                DiagnosticCodes.InvalidTools,
                node,
                $"'{section}' must be a list of tools such as {{ type: function, function: {{ name: get_weather, " +
                    "parameters: {...} } }");
            return null;
        }

        for (var i = 0; i < tools.Count; i++)
        {
            var problem = ToolProblem(tools[i]);
            if (problem is not null)
            {
                map.Context.Report(DiagnosticCodes.InvalidTools, node, $"'{section}[{i}]' {problem}");
                return null;
            }
        }

        return tools;
    }

    private static JsonNode? ReadToolChoice(YamlNode node, MapReader map)
    {
        var section = $"{map.Section}.tool_choice";
        var value = YamlJson.ToNode(node);
        if (Text(value) is { } word && ToolChoiceWords.Contains(word))
        {
            return value;
        }

        if (value is JsonObject choice && Text(choice["type"]) == "function"
            && Text(choice["function"]?["name"]) is not null)
        {
            return value;
        }

        map.Context.Report(
            DiagnosticCodes.InvalidTools,
            node,
            $"'{section}' must be none, auto, required or {{ type: function, function: {{ name: NAME }} }}");
        return null;
    }

    private static JsonObject? ReadFormat(YamlNode node, MapReader map, string baseDirectory)
    {
        var section = $"{map.Section}.response_format";
        if (Load(node, map.Context, section, baseDirectory) is not { } loaded)
        {
            return null;
        }

        var type = Text((loaded as JsonObject)?["type"]);
        var schema = (loaded as JsonObject)?["json_schema"];
        var problem = loaded is not JsonObject ? "must be a mapping such as { type: json_object }"
            : type is null || !FormatTypes.Contains(type) ? $"needs 'type': one of {string.Join(", ", FormatTypes)}"
            : type != "json_schema" ? null
            : schema is not JsonObject ? "of type json_schema needs a 'json_schema' mapping with name and schema"
            : Text(schema["name"]) is null || schema["schema"] is not JsonObject
                ? "needs 'json_schema.name' and a 'json_schema.schema' object"
            : null;
        if (problem is not null)
        {
            map.Context.Report(DiagnosticCodes.InvalidResponseFormat, node, $"'{section}' {problem}");
            return null;
        }

        return (JsonObject)loaded;
    }

    private static string? ToolProblem(JsonNode? item) => item switch
    {
        not JsonObject => "is not a mapping",
        JsonObject tool when Text(tool["type"]) != "function" => "needs 'type: function'",
        JsonObject tool when tool["function"] is not JsonObject => "needs a 'function' mapping",
        JsonObject tool when string.IsNullOrEmpty(Text(tool["function"]!["name"])) => "needs 'function.name'",
        JsonObject tool when tool["function"]!["parameters"] is { } parameters && parameters is not JsonObject =>
            "has 'function.parameters' that is not a JSON schema object",
        _ => null,
    };

    /// <summary>The node's text when it is a JSON string, else null.</summary>
    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string?)value : null;

    /// <summary>The node as JSON, or the JSON/YAML file a <c>file://</c> string names.</summary>
    private static JsonNode? Load(YamlNode node, YamlContext context, string section, string baseDirectory)
    {
        if (node is not YamlScalarNode { Value: { } text } || !text.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            return YamlJson.ToNode(node);
        }

        var relative = text[FilePrefix.Length..];
        var path = Path.GetFullPath(Path.Combine(baseDirectory, relative));
        if (!File.Exists(path))
        {
            context.Report(
                DiagnosticCodes.RequestFileUnreadable,
                node,
                $"'{section}': file '{relative}' not found (looked in {path})");
            return null;
        }

        try
        {
            var content = File.ReadAllText(path);
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                return JsonNode.Parse(content);
            }

            var stream = YamlBounds.Load(content);
            return stream.Documents.Count == 0 ? null : YamlJson.ToNode(stream.Documents[0].RootNode);
        }
        catch (Exception ex) when (ex is JsonException or YamlException or IOException or UnauthorizedAccessException)
        {
            context.Report(
                DiagnosticCodes.RequestFileUnreadable,
                node,
                $"'{section}': file '{relative}' is not valid JSON or YAML: {ex.Message.ReplaceLineEndings(" ")}");
            return null;
        }
    }
}
