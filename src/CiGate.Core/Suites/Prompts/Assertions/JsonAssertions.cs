using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>Builders for is-json / json-schema, contains-json and json-path.</summary>
internal static class JsonAssertions
{
    /// <summary>The whole output must be JSON (promptfoo does not strip ``` fences here; contains-json does find fenced JSON).</summary>
    public static IAssertion? IsJson(AssertionSpec spec, bool schemaRequired)
    {
        var node = schemaRequired ? spec.RequireValue("a JSON schema") : spec.Value;
        if (schemaRequired && node is null)
        {
            return null;
        }

        var schema = node is null ? null : JsonSchemaValue.Read(spec, node);
        if (node is not null && schema is null)
        {
            return null;
        }

        var expectation = schema is null ? "be valid JSON" : "be JSON matching the schema";
        return spec.Build(c =>
        {
            if (!JsonText.TryParse(c.Output, out var parsed))
            {
                return Check.Binary(false, expectation, "output is not JSON");
            }

            var error = schema?.Validate(parsed);
            return Check.Binary(error is null, expectation, error);
        });
    }

    public static IAssertion? ContainsJson(AssertionSpec spec)
    {
        var schema = spec.Value is { } node ? JsonSchemaValue.Read(spec, node) : null;
        if (spec.Value is not null && schema is null)
        {
            return null;
        }

        var expectation = schema is null ? "contain JSON" : "contain JSON matching the schema";
        return spec.Build(c =>
        {
            string? error = null;
            foreach (var candidate in JsonText.Extract(c.Output))
            {
                error = schema?.Validate(candidate);
                if (error is null)
                {
                    return Check.Binary(true, expectation);
                }
            }

            return Check.Binary(false, expectation, error ?? "no JSON object or array found");
        });
    }

    /// <summary>value: { path: "$.a.b", equals: ... }. A string <c>equals</c> is a template over the vars.</summary>
    public static IAssertion? JsonPathEquals(AssertionSpec spec)
    {
        var node = spec.RequireValue("{ path: \"$.a.b\", equals: ... }");
        if (node is null)
        {
            return null;
        }

        var map = Config.MapReader.From(node, spec.Context, $"{spec.Section}.value");
        if (map is null)
        {
            return null;
        }

        var pathText = map.String("path", required: true);
        var equals = map.Get("equals");
        map.Finish();
        if (equals is null)
        {
            spec.Report(DiagnosticCodes.MissingKey, node, $"'{spec.Section}.value' is missing the required key 'equals'");
        }

        JsonPath? path = null;
        if (pathText is not null && (path = JsonPath.Parse(pathText, out var error)) is null)
        {
            spec.Report(DiagnosticCodes.InvalidValue, map.Get("path")!, $"'{spec.Section}.value.path' is not a supported JSONPath ({error}); use $.a.b, $.a[0] or $['k']");
        }

        // A quoted string is a template over the vars ("{{ city }}"); anything else is a typed YAML value (42, true, [1, 2]).
        var quoted = equals is YamlScalarNode { Style: not (ScalarStyle.Plain or ScalarStyle.Any) };
        var template = quoted ? spec.Template(equals!) : null;
        var expected = equals is null || quoted ? null : YamlJson.ToNode(equals);
        if (path is null || equals is null || (quoted && template is null))
        {
            return null;
        }

        return spec.Build(c =>
        {
            var want = template is null ? expected : JsonValue.Create(template.Render(c));
            var expectation = $"have {path.Text} equal to {Text.Quote(want?.ToJsonString(PlainJson.Readable) ?? "null")}";
            if (!JsonText.TryParse(c.Output, out var root))
            {
                root = JsonText.Extract(c.Output).FirstOrDefault();
                if (root is null)
                {
                    return Check.Binary(false, expectation, "output holds no JSON");
                }
            }

            if (!path.TryFind(root, out var actual))
            {
                return Check.Binary(false, expectation, $"{path.Text} is absent");
            }

            return Check.Binary(JsonNode.DeepEquals(actual, want), expectation, $"got {Text.Quote(actual?.ToJsonString(PlainJson.Readable) ?? "null")}");
        });
    }
}
