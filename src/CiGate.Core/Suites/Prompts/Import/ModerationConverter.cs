using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>
/// promptfoo's <c>moderation</c> with <c>provider: openai:moderation[:model]</c> → CiGate's
/// endpoint form: <c>{ type: moderation, value: { provider: endpoint, model, categories },
/// grader: moderator }</c>, where <c>moderator</c> is a grader target the import adds for
/// OpenAI's <c>/v1/moderations</c>. Without a provider it stays the judge (the default).
/// </summary>
internal static class ModerationConverter
{
    private const string OpenAiModeration = "openai:moderation";
    private static readonly string[] Copied = ["threshold", "weight", "metric"];

    /// <summary>The converted item's lines, or null when the assertion names no OpenAI moderation provider.</summary>
    public static List<string>? TryConvert(YamlMappingNode map, int indent, ImportContext context)
    {
        var providerNode = Get(map, "provider");
        var id = providerNode switch
        {
            YamlScalarNode scalar => scalar.Value,
            YamlMappingNode provider => (Get(provider, "id") as YamlScalarNode)?.Value,
            _ => null,
        };
        if (id is null || !(id == OpenAiModeration || id.StartsWith(OpenAiModeration + ":", StringComparison.Ordinal)))
        {
            return null;
        }

        if (providerNode is YamlMappingNode { Children.Count: > 1 })
        {
            context.Warn(providerNode, "the moderation provider's settings other than 'id' are not converted (the moderator target holds the endpoint and key)");
        }

        var value = new YamlMappingNode { { "provider", "endpoint" } };
        if (id.Length > OpenAiModeration.Length + 1)
        {
            value.Add("model", id[(OpenAiModeration.Length + 1)..]);
        }

        switch (Get(map, "value"))
        {
            case null:
                break;
            case YamlSequenceNode { Children.Count: > 0 } categories:
                value.Add("categories", categories);
                break;
            case YamlScalarNode { Value.Length: > 0 } single:
                value.Add("categories", new YamlSequenceNode(single));
                break;
            case var other:
                context.Drop(other, "the moderation 'value' is not a category list and is dropped: the endpoint's own 'flagged' decides");
                break;
        }

        var item = new YamlMappingNode { { "type", "moderation" }, { "value", value }, { "grader", context.ModeratorTarget } };
        foreach (var (keyNode, node) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (Copied.Contains(key))
            {
                item.Add(key, node);
            }
            else if (key is not ("type" or "value" or "provider"))
            {
                context.Drop(keyNode, $"assertion key '{key}' is not converted (CiGate assertions take type, value, threshold, weight, metric, grader)");
            }
        }

        context.NeedsModerator = true;
        var lines = new List<string>();
        YamlEmitter.Item(lines, item, indent);
        return lines;
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
