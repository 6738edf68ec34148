using System.Text.Json.Nodes;
using System.Text.Json;
using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Text;

namespace CiGate.Core.Comparing;

/// <summary>
/// The keys of a suite's resolved definition (results.json's <c>definition</c>) that differ
/// between base and head, as short lines: <c>generation.max_tokens: 512 → 1024</c>,
/// <c>prompt.template: 3 lines changed</c>. Objects are walked key by key; arrays and values are
/// compared whole. A dataset whose content changed under the same settings gets its own line.
/// </summary>
public static class DefinitionDiff
{
    /// <summary>Values longer than this (or over several lines) are summarised, not printed.</summary>
    public const int MaxValueLength = 60;

    public static DefinitionChange Between(SuiteResult @base, SuiteResult head, IReadOnlyList<string> what, DefinitionChangePolicy policy)
    {
        // An older cigate wrote no definition (or an empty one): only the hashes say what changed.
        var known = @base.Definition is { Count: > 0 } && head.Definition is { Count: > 0 };
        var keys = new List<DefinitionKeyChange>();
        if (known)
        {
            var before = Flatten(@base.Definition);
            var after = Flatten(head.Definition);
            foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
            {
                var old = before.GetValueOrDefault(key);
                var @new = after.GetValueOrDefault(key);
                if (!JsonNode.DeepEquals(old, @new))
                {
                    keys.Add(new DefinitionKeyChange(key, $"{key}: {Describe(old, @new)}"));
                }
            }
        }

        if (@base.Dataset is { } b && head.Dataset is { } h && b.Sha256 != h.Sha256)
        {
            var records = b.Records == h.Records ? "" : $", {b.Records} → {h.Records} records";
            keys.Add(new DefinitionKeyChange("dataset", $"dataset content: sha256 {Short(b.Sha256)} → {Short(h.Sha256)}{records}"));
        }

        return new DefinitionChange(what, keys, known, policy);
    }

    private static Dictionary<string, JsonNode?> Flatten(JsonObject definition)
    {
        var keys = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string path)
        {
            if (node is JsonObject map && map.Count > 0)
            {
                foreach (var (name, child) in map)
                {
                    Walk(child, path.Length == 0 ? name : $"{path}.{name}");
                }
            }
            else
            {
                keys[path] = node;
            }
        }

        Walk(definition, "");
        return keys;
    }

    private static string Describe(JsonNode? before, JsonNode? after)
    {
        var (old, @new) = (Text(before), Text(after));
        if (old is not null && @new is not null && (old.Contains('\n', StringComparison.Ordinal) || @new.Contains('\n', StringComparison.Ordinal)))
        {
            var lines = LineDiff.Unified(old, @new) is { } diff ? ChangedLines(diff) : 0;
            return lines == 0 ? "changed" : $"{lines} {(lines == 1 ? "line" : "lines")} changed";
        }

        if ((old?.Length ?? 0) > MaxValueLength || (@new?.Length ?? 0) > MaxValueLength)
        {
            return before is null ? "added" : after is null ? "removed" : "changed";
        }

        return $"{old ?? "(unset)"} → {@new ?? "(unset)"}";
    }

    /// <summary>A value as the user wrote it: strings bare, everything else as compact JSON; null for none.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    // A modified line shows as one '-' and one '+': count the larger side.
    private static int ChangedLines(string diff)
    {
        var lines = diff.Split('\n');
        var removed = lines.Count(l => l.StartsWith('-'));
        var added = lines.Count(l => l.StartsWith('+'));
        return Math.Max(removed, added);
    }

    private static string Short(string? sha) => sha is null ? "(none)" : sha[..Math.Min(12, sha.Length)];
}
