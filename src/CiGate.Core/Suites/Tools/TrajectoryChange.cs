using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Targets;
using CiGate.Core.Text;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// How a flipped case's tool calls changed between base and head (first repeat of each): both call
/// sequences and the first difference, named the way a reviewer reads it ("call 2: update_address →
/// refund_order", "call 1 lookup_order: order_id "A1001" → "A1002"", "head adds call 3: ...").
/// </summary>
internal sealed record TrajectoryChange(
    string Item, string Case, bool Regressed, IReadOnlyList<ToolCall> Base, IReadOnlyList<ToolCall> Head, string What)
{
    public static TrajectoryChange Of(
        string item, string @case, bool regressed, IReadOnlyList<ToolCall> @base, IReadOnlyList<ToolCall> head) =>
        new(item, @case, regressed, @base, head, FirstDifference(@base, head));

    /// <summary>
    /// The calls in order, <c>name(arguments)</c>. Past <paramref name="maxChars"/>, each call's
    /// arguments are cut to an equal share first, so every call's name still shows (a cell cut at
    /// its end would hide the very call that was added).
    /// </summary>
    public static string Sequence(IReadOnlyList<ToolCall> calls, int maxChars = int.MaxValue)
    {
        if (calls.Count == 0)
        {
            return "(no call)";
        }

        var full = string.Join(" → ", calls.Select(c => $"{c.Name}({c.Arguments})"));
        if (full.Length <= maxChars)
        {
            return full;
        }

        var share = Math.Max(8, (maxChars - calls.Sum(c => c.Name.Length + 5)) / calls.Count);
        return string.Join(" → ", calls.Select(c =>
            $"{c.Name}({(c.Arguments.Length <= share ? c.Arguments : c.Arguments[..(share - 1)] + "…")})"));
    }

    public static string FirstDifference(IReadOnlyList<ToolCall> @base, IReadOnlyList<ToolCall> head)
    {
        for (var i = 0; i < Math.Max(@base.Count, head.Count); i++)
        {
            var n = i + 1;
            if (i >= @base.Count)
            {
                return $"head adds call {n}: {head[i].Name}";
            }

            if (i >= head.Count)
            {
                return $"head drops call {n}: {@base[i].Name}";
            }

            if (@base[i].Name != head[i].Name)
            {
                return $"call {n}: {@base[i].Name} → {head[i].Name}";
            }

            if (ArgumentChanges(@base[i].Arguments, head[i].Arguments) is { Count: > 0 } changes)
            {
                return $"call {n} {head[i].Name}: {string.Join("; ", changes)}";
            }
        }

        return "same calls; the final answer or the tools' state differs";
    }

    /// <summary>Changed, added and removed arguments; the raw texts when either side is not a JSON object.</summary>
    private static List<string> ArgumentChanges(string @base, string head)
    {
        if (Parse(@base) is not { } b || Parse(head) is not { } h)
        {
            return @base == head ? [] : [$"arguments {@base} → {head}"];
        }

        var changes = new List<string>();
        foreach (var key in b.Select(p => p.Key).Union(h.Select(p => p.Key), StringComparer.Ordinal))
        {
            var before = b.TryGetPropertyValue(key, out var x) ? x?.ToJsonString(PlainJson.Readable) ?? "null" : null;
            var after = h.TryGetPropertyValue(key, out var y) ? y?.ToJsonString(PlainJson.Readable) ?? "null" : null;
            if (before == after)
            {
                continue;
            }

            changes.Add(
                before is null ? $"+{key} {after}"
                : after is null ? $"-{key} {before}"
                : $"{key} {before} → {after}");
        }

        return changes;
    }

    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
