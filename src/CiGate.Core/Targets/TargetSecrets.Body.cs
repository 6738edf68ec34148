using System.Text.Json.Nodes;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Targets;

/// <summary><c>${env:NAME}</c> in the string values of a target's <c>request.extra_body</c>.</summary>
public sealed partial class TargetSecrets
{
    /// <summary>True when some string value of <paramref name="body"/> reads the environment.</summary>
    public static bool ReadsEnvironment(JsonObject? body) => StringsOf(body).Any(ReadsEnvironment);

    /// <summary>Every string value in <paramref name="node"/>, at any depth (object keys are not values).</summary>
    internal static IEnumerable<string> StringsOf(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (_, child) in map)
                {
                    foreach (var text in StringsOf(child))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonArray list:
                foreach (var child in list)
                {
                    foreach (var text in StringsOf(child))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue(out string? text):
                yield return text;
                break;
        }
    }

    private static JsonObject? ResolveBody(
        TargetConfig config,
        Func<string,
        string?> lookup,
        DiagnosticBag diagnostics,
        List<string> secrets)
    {
        if (!ReadsEnvironment(config.Request.ExtraBody))
        {
            return null;
        }

        var resolved = (JsonObject)config.Request.ExtraBody!.DeepClone();
        Resolve(resolved, text => ReferenceRegex().Replace(text, match =>
        {
            var variable = match.Groups[1].Value;
            var value = lookup(variable);
            if (string.IsNullOrEmpty(value))
            {
                Missing(
                    diagnostics,
                    config,
                    "request.extra_body",
                    $"target '{config.Name}' request.extra_body reads environment variable '{variable}', which is " +
                        "not set or empty");
                return "";
            }

            secrets.Add(value);
            return value;
        }));
        return resolved;
    }

    /// <summary>Replaces every string value in place (a clone, never the config's own nodes).</summary>
    private static void Resolve(JsonNode node, Func<string, string> replace)
    {
        if (node is JsonObject map)
        {
            foreach (var name in map.Select(p => p.Key).ToList())
            {
                Replace(map[name], replace, value => map[name] = value);
            }
        }
        else if (node is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var at = i;
                Replace(list[i], replace, value => list[at] = value);
            }
        }
    }

    private static void Replace(JsonNode? child, Func<string, string> replace, Action<JsonNode> set)
    {
        if (child is JsonValue value && value.TryGetValue(out string? text))
        {
            if (ReadsEnvironment(text))
            {
                set(JsonValue.Create(replace(text)));
            }
        }
        else if (child is not null)
        {
            Resolve(child, replace);
        }
    }
}
