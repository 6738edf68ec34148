using System.Text.Json.Nodes;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config;

/// <summary>
/// Reads a target's <c>request:</c> block: token_param, omit, top_p, reasoning_effort, extra_body.
/// What a model or server needs lives here; what a test asks (tools, response_format) lives in suites.
/// </summary>
internal static class TargetRequestReader
{
    private static readonly Dictionary<string, bool> TokenParams = new(StringComparer.Ordinal)
    {
        ["max_tokens"] = false,
        ["max_completion_tokens"] = true,
    };

    private static readonly string[] Omittable = ["temperature", "seed"];

    /// <summary>Keys CiGate must write itself: extra_body may not replace them.</summary>
    private static readonly string[] Reserved = ["messages", "prompt", "stream"];

    public static TargetRequestOptions Read(MapReader? map, Dictionary<string, SourcePlace> places)
    {
        if (map is null)
        {
            return TargetRequestOptions.Default;
        }

        var maxCompletionTokens = map.Choice("token_param", TokenParams) ?? false;
        var omit = map.Strings("omit") ?? [];
        foreach (var name in omit.Where(n => !Omittable.Contains(n)))
        {
            map.Context.Report(
                DiagnosticCodes.InvalidValue,
                map.Get("omit")!,
                $"'{map.Section}.omit' may list temperature and seed, not '{name}'");
        }

        var topP = map.Double("top_p", 0, 1);
        var effort = map.String("reasoning_effort");
        if (effort is { Length: 0 })
        {
            map.Context.Report(
                DiagnosticCodes.InvalidValue,
                map.Get("reasoning_effort")!,
                $"'{map.Section}.reasoning_effort' must not be empty; write low, medium or high");
            effort = null;
        }

        var extraBody = ReadExtraBody(map, places);
        map.Finish();
        var options = new TargetRequestOptions
        {
            MaxCompletionTokens = maxCompletionTokens,
            OmitTemperature = omit.Contains("temperature"),
            OmitSeed = omit.Contains("seed"),
            TopP = topP,
            ReasoningEffort = effort,
            ExtraBody = extraBody,
        };
        return options.IsDefault ? TargetRequestOptions.Default : options;
    }

    private static JsonObject? ReadExtraBody(MapReader map, Dictionary<string, SourcePlace> places)
    {
        var node = map.Get("extra_body");
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            map.Context.Report(
                DiagnosticCodes.InvalidExtraBody,
                node,
                $"'{map.Section}.extra_body' must be a mapping of request keys, such as {{ chat_template_kwargs: {{ " +
                    "enable_thinking: false } }");
            return null;
        }

        var ok = true;
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (Reserved.Contains(name))
            {
                map.Context.Report(
                    DiagnosticCodes.InvalidExtraBody,
                    key,
                    $"'{map.Section}.extra_body' may not set '{name}': CiGate writes it");
                ok = false;
            }

            ok &= CheckReferences(value, map.Context, $"{map.Section}.extra_body.{name}");
        }

        places["request.extra_body"] = map.Context.PlaceOf(node);
        return ok ? YamlJson.ToNode(mapping) as JsonObject : null;
    }

    /// <summary>Every <c>${</c> in a string value must open a well-formed <c>${env:NAME}</c>.</summary>
    private static bool CheckReferences(YamlNode node, YamlContext context, string section)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } text } when TargetSecrets.FindMalformed(text) is { } bad:
                context.Report(
                    DiagnosticCodes.InvalidExtraBody,
                    node,
                    $"'{section}': '{bad}' is not a valid reference; write ${{env:NAME}} to read NAME from cigate's " +
                        "environment");
                return false;
            case YamlMappingNode mapping:
                return mapping.Children.Aggregate(
                    true,
                    (ok, pair) => CheckReferences(pair.Value, context, section) && ok);
            case YamlSequenceNode list:
                return list.Children.Aggregate(true, (ok, child) => CheckReferences(child, context, section) && ok);
            default:
                return true;
        }
    }
}
