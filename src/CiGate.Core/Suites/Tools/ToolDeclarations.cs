using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts.Assertions;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// Reads <c>tools:</c>: OpenAI tool declarations sent as written, each with an optional <c>mock:</c>
/// (kept out of what is sent). A tool without a mock answers <c>{"ok": true}</c>.
/// </summary>
internal static class ToolDeclarations
{
    public static (JsonArray Tools, Dictionary<string, ToolMock> Mocks) Read(MapReader map)
    {
        var tools = new JsonArray();
        var mocks = new Dictionary<string, ToolMock>(StringComparer.Ordinal);
        var list = map.Sequence("tools");
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            var node = list.Children[i];
            var section = $"{map.Section}.tools[{i}]";
            var declaration = YamlJson.ToNode(node) as JsonObject;
            var name = declaration?["function"]?["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : null;
            if (declaration is null || name is null || (string?)declaration["type"] != "function")
            {
                map.Context.Report(
                    DiagnosticCodes.ToolsDeclarationInvalid,
                    node,
                    $"'{section}' must be {{ type: function, function: {{ name, description, parameters }}, "
                    + "mock: ... }");
                continue;
            }

            if (mocks.ContainsKey(name))
            {
                map.Context.Report(
                    DiagnosticCodes.ToolsDeclarationInvalid, node, $"'{section}': the tool '{name}' is declared twice");
                continue;
            }

            declaration.Remove("mock");
            declaration.Remove("live");
            tools.Add(declaration);
            var children = ((YamlMappingNode)node).Children;
            var mockNode = children.TryGetValue(new YamlScalarNode("mock"), out var m) ? m : null;
            var liveNode = children.TryGetValue(new YamlScalarNode("live"), out var l) ? l : null;
            var parameters = declaration["function"]?["parameters"]?["properties"] as JsonObject;
            var mockMap = MapReader.From(mockNode, map.Context, $"{section}.mock");
            mocks[name] = ReadMock(name, mockMap, parameters, map.Context) with
            {
                Live = ReadLive(MapReader.From(liveNode, map.Context, $"{section}.live"), mockNode is not null),
            };
        }

        return (tools, mocks);
    }

    /// <summary><c>live: { url }</c>: the http(s) endpoint a tool is recorded from; mocked or live, not both.</summary>
    private static Uri? ReadLive(MapReader? map, bool mocked)
    {
        if (map is null)
        {
            return null;
        }

        var text = map.String("url", required: true);
        Uri? url = null;
        if (text is not null
            && (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            map.Context.Report(
                DiagnosticCodes.ToolMockInvalid, map.Get("url")!, $"'{map.Section}.url' must be an http(s) URL");
            url = null;
        }

        if (mocked)
        {
            map.Context.Report(
                DiagnosticCodes.ToolMockInvalid,
                map.Node,
                $"'{map.Section}': a tool is either mocked ('mock:') or recorded from a live endpoint "
                + "('live:'), not both");
        }

        map.Finish();
        return url;
    }

    private static ToolMock ReadMock(string name, MapReader? map, JsonObject? parameters, YamlContext context)
    {
        if (map is null)
        {
            return new ToolMock(name, null, [], null, null, new Dictionary<string, string>(), null);
        }

        var result = map.Get("result") is { } r ? YamlJson.ToNode(r) : null;
        var error = map.String("error");
        var maxCalls = map.Int("max_calls", 0);
        var reads = map.String("reads");
        var writes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Map("writes") is { } w)
        {
            foreach (var (key, keyNode, value) in w.Entries())
            {
                var argument = (value as YamlScalarNode)?.Value ?? "";
                if (parameters is not null && !parameters.ContainsKey(argument))
                {
                    context.Report(
                        DiagnosticCodes.ToolMockInvalid,
                        value,
                        $"'{w.Section}.{key}': {name} takes no argument '{argument}'");
                }

                writes[key] = argument;
            }
        }

        var cases = new List<MockCase>();
        var list = map.Sequence("cases");
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            if (MapReader.From(list.Children[i], context, $"{map.Section}.cases[{i}]") is not { } entry)
            {
                continue;
            }

            if (entry.Get("when") is not { } whenNode || YamlJson.ToNode(whenNode) is not JsonObject when)
            {
                context.Report(
                    DiagnosticCodes.ToolMockInvalid,
                    entry.Node,
                    $"'{entry.Section}' needs 'when:', a mapping of arguments");
                entry.Finish();
                continue;
            }

            var caseResult = entry.Get("result") is { } cr ? YamlJson.ToNode(cr) : null;
            cases.Add(new MockCase(when, caseResult, entry.String("error")));
            entry.Finish();
        }

        map.Finish();
        return new ToolMock(name, result, cases, error, maxCalls, writes, reads);
    }
}
