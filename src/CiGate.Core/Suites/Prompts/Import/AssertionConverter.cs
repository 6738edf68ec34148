using CiGate.Core.Suites.Prompts.Assertions;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>
/// One promptfoo assertion → CiGate. Types CiGate supports are copied as they are (model-graded
/// ones use the grader target the import adds); code (javascript, python), refused and unknown types are
/// written as YAML comments with a TODO and a warning, so the converted config still validates.
/// </summary>
internal static class AssertionConverter
{
    private static readonly string[] Copied = ["type", "value", "threshold", "weight", "metric"];
    private static readonly string[] CodeTypes = ["javascript", "python", "ruby"];
    private static readonly string[] ModelGraded =
    [
        "llm-rubric", "factuality", "similar", "model-graded-closedqa", "model-graded-factuality", "answer-relevance",
        "g-eval", "context-faithfulness", "context-recall", "context-relevance", "classifier", "select-best", "pi",
    ];

    /// <summary>Lines for one <c>assert:</c> item at <paramref name="indent"/>; Active is false when it was commented out.</summary>
    public static (List<string> Lines, bool Active) Convert(YamlNode item, int indent, ImportContext context)
    {
        var lines = new List<string>();
        if (item is not YamlMappingNode map || Get(map, "type") is not YamlScalarNode { Value: { } type })
        {
            context.Drop(item, "an assertion without a 'type' is not converted; it is kept as a comment");
            Comment(lines, item, indent, "an assertion without a 'type'");
            return (lines, false);
        }

        var kindName = type.StartsWith("not-", StringComparison.Ordinal) ? type[4..] : type;
        if (!AssertionCatalog.Kinds.TryGetValue(kindName, out var kind))
        {
            var why = Why(kindName);
            context.Drop(item, $"assertion type '{type}' is commented out: {why}");
            Comment(lines, item, indent, $"'{type}': {why}");
            return (lines, false);
        }

        if (type != kindName && !kind.Negatable)
        {
            context.Drop(item, $"assertion type '{type}' is commented out: CiGate cannot negate '{kindName}'");
            Comment(lines, item, indent, $"CiGate cannot negate '{kindName}'");
            return (lines, false);
        }

        if (type == "not-levenshtein")
        {
            // promptfoo 0.121's levenshtein ignores 'not-' (distance ≤ threshold either way); CiGate's negates.
            const string flips = "promptfoo ignores 'not-' on levenshtein (it passes when the distance is within the threshold either way) and CiGate negates it, so the converted assertion would flip; write 'levenshtein' or 'not-levenshtein' as meant";
            context.Drop(item, $"assertion type '{type}' is commented out: {flips}");
            Comment(lines, item, indent, flips);
            return (lines, false);
        }

        if (kindName == "moderation" && ModerationConverter.TryConvert(map, indent, context) is { } moderation)
        {
            return (moderation, true);
        }

        context.NeedsGrader |= kind.UsesGrader;
        var copy = new YamlMappingNode();
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (key == "transform")
            {
                context.Drop(keyNode, $"the '{type}' assertion's transform is refused: it runs JavaScript on the output, and suites run no code; the assertion is kept without it, so it checks the untransformed output");
            }
            else if (!Copied.Contains(key))
            {
                context.Drop(keyNode, $"assertion key '{key}' is not converted (CiGate assertions take {string.Join(", ", Copied)})");
            }
            else if (key == "threshold" && !kind.UsesThreshold)
            {
                // CiGate refuses a threshold it would ignore; promptfoo ignores it.
                context.Warn(keyNode, $"'threshold' has no meaning for '{type}' and is dropped");
            }
            else if (key == "threshold" && kindName == "levenshtein" && value is YamlScalarNode { Value: "0" or "0.0" })
            {
                // promptfoo reads the threshold as `threshold || 5`: 0 is the default, not an exact match.
                context.Warn(keyNode, "levenshtein 'threshold: 0' is read by promptfoo as the default 5; the converted assertion keeps that (threshold: 5); write 0 after import for an exact match");
                copy.Add(key, new YamlScalarNode("5"));
            }
            else
            {
                copy.Add(key, key == "value" ? Value(value, context) : value);
            }
        }

        YamlEmitter.Item(lines, copy, indent);
        return (lines, true);
    }

    private static string Why(string kindName)
    {
        if (CodeTypes.Contains(kindName))
        {
            return "suites run no code (a pull request could otherwise make the gate execute it with the API key); use a deterministic assertion (regex, is-json, json-path, ...) instead";
        }

        if (ModelGraded.Contains(kindName))
        {
            return "this model-graded type is not built in; rewrite it as an llm-rubric with a rubric that says what it checks";
        }

        return AssertionCatalog.Refused.TryGetValue(kindName, out var reason)
            ? $"not supported: {reason}"
            : "unknown to CiGate; see docs/coming-from-promptfoo.md for the supported types";
    }

    private static YamlNode Value(YamlNode value, ImportContext context)
    {
        if (value is not YamlScalarNode { Value: { } text } scalar)
        {
            return value;
        }

        if (ImportContext.FileReference(text) is not null)
        {
            context.Drop(value, $"assertion value '{text}' is read as text: CiGate does not load file:// values");
        }

        var (converted, problems) = NunjucksConverter.Convert(text);
        foreach (var problem in problems)
        {
            context.Warn(value, problem);
        }

        return converted == text ? scalar : new YamlScalarNode(converted) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
    }

    private static void Comment(List<string> lines, YamlNode item, int indent, string why)
    {
        var original = new List<string>();
        YamlEmitter.Item(original, item, indent);
        lines.Add($"{YamlEmitter.Pad(indent)}# TODO(cigate import): {why.ReplaceLineEndings(" ")}");
        lines.AddRange(YamlEmitter.Commented(original, indent));
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
