using System.Globalization;
using System.Text.RegularExpressions;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Text;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>Builders for the string assertions: equals, contains*, starts-with, regex, limits, levenshtein.</summary>
internal static class TextAssertions
{
    public static IAssertion? Equal(AssertionSpec spec)
    {
        var node = spec.RequireValue("the expected output");
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode)
        {
            // promptfoo compares an object or list value with the output parsed as JSON.
            var expected = YamlJson.ToNode(node);
            return spec.Build(c =>
            {
                var holds = JsonText.TryParse(c.Output, out var actual) && System.Text.Json.Nodes.JsonNode.DeepEquals(actual, expected);
                return Check.Binary(holds, $"equal the JSON {Text.Quote(expected?.ToJsonString(PlainJson.Readable) ?? "null")}");
            });
        }

        var template = spec.Template(node);
        return template is null ? null : spec.Build(c =>
        {
            var value = template.Render(c);
            return Check.Binary(string.Equals(c.Output, value, StringComparison.Ordinal), $"equal {Text.Quote(value)}", $"got {Text.Quote(c.Output)}");
        });
    }

    public static IAssertion? Contains(AssertionSpec spec, bool ignoreCase)
    {
        var template = spec.RequireValue("the text to look for") is { } node ? spec.Template(node) : null;
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var verb = ignoreCase ? "contain (ignoring case)" : "contain";
        return template is null ? null : spec.Build(c =>
        {
            var value = template.Render(c);
            return Check.Binary(c.Output.Contains(value, comparison), $"{verb} {Text.Quote(value)}");
        });
    }

    public static IAssertion? ContainsSome(AssertionSpec spec, bool ignoreCase, bool all)
    {
        var templates = spec.RequireValue("a list of strings") is { } node ? spec.TemplateList(node) : null;
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var verb = (all ? "contain all of " : "contain any of ") + (ignoreCase ? "(ignoring case) " : "");
        return templates is null ? null : spec.Build(c =>
        {
            var values = templates.Select(t => t.Render(c)).ToList();
            var missing = values.Where(v => !c.Output.Contains(v, comparison)).ToList();
            var holds = all ? missing.Count == 0 : missing.Count < values.Count;
            var detail = all && missing.Count > 0 ? $"missing {Text.QuoteAll(missing)}" : null;
            return Check.Binary(holds, verb + Text.QuoteAll(values), detail);
        });
    }

    public static IAssertion? StartsWith(AssertionSpec spec)
    {
        var template = spec.RequireValue("the expected prefix") is { } node ? spec.Template(node) : null;
        return template is null ? null : spec.Build(c =>
        {
            var value = template.Render(c);
            return Check.Binary(c.Output.StartsWith(value, StringComparison.Ordinal), $"start with {Text.Quote(value)}", $"got {Text.Quote(c.Output, 40)}");
        });
    }

    /// <summary>The pattern is not a template: it compiles once at load, so a bad pattern is reported before any call.</summary>
    public static IAssertion? Regex(AssertionSpec spec)
    {
        var node = spec.RequireValue("a regular expression");
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode { Value: { } pattern })
        {
            spec.Report(DiagnosticCodes.WrongType, node, $"'{spec.Section}.value' must be a regular expression string");
            return null;
        }

        var regex = RegexParser.Compile(pattern, RegexOptions.None, node, spec.Context, $"{spec.Section}.value");
        return regex is null ? null : spec.Build(c => Check.Binary(regex.IsMatch(c.Output), $"match /{pattern}/"));
    }

    public static IAssertion? Limit(AssertionSpec spec, bool words, bool max)
    {
        var limit = spec.RequireValue(words ? "a number of words" : "a number of characters") is { } node ? spec.Count(node) : null;
        if (limit is not { } n)
        {
            return null;
        }

        var unit = words ? "words" : "characters";
        return spec.Build(c =>
        {
            var count = words ? Text.CountWords(c.Output) : c.Output.Length;
            var holds = max ? count <= n : count >= n;
            return Check.Binary(holds, $"have {(max ? "at most" : "at least")} {n} {unit}", $"got {count}");
        });
    }

    /// <summary>promptfoo: passes when the edit distance is at most the threshold (default 5).</summary>
    public static IAssertion? Levenshtein(AssertionSpec spec)
    {
        var template = spec.RequireValue("the expected output") is { } node ? spec.Template(node) : null;
        if (spec.Threshold is < 0)
        {
            spec.Report(DiagnosticCodes.InvalidValue, spec.Node, $"'{spec.Section}.threshold' is a maximum edit distance and cannot be negative");
            return null;
        }

        var threshold = spec.Threshold ?? 5;
        return template is null ? null : spec.Build(c =>
        {
            var value = template.Render(c);
            var distance = EditDistance.Compute(c.Output, value);
            var limit = threshold.ToString(CultureInfo.InvariantCulture);
            return Check.Binary(distance <= threshold, $"be within edit distance {limit} of {Text.Quote(value)}", $"distance is {distance}");
        });
    }
}
