using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>
/// A promptfoo <c>__expected</c> CSV cell → an assertion mapping, as promptfoo's
/// assertionFromString (src/csv.ts) reads it: <c>javascript:</c>, <c>fn:</c>, <c>eval:</c> and
/// <c>file://*.js</c> are javascript; <c>grade:</c> and <c>llm-rubric:</c> are llm-rubric;
/// <c>python:</c> and <c>file://*.py</c> are python; <c>[not-]TYPE[(threshold)][:value]</c> for any
/// promptfoo assertion type; anything else is <c>equals</c> the whole cell. The mapping then goes
/// through <see cref="AssertionConverter"/> like any assertion, so code and unsupported types are
/// refused there.
/// </summary>
internal static class ExpectedAssertion
{
    // promptfoo 0.121's BaseAssertionTypes; longest first, so 'contains-all' wins over 'contains'.
    private static readonly string[] Types = [.. new[]
    {
        "agent-rubric", "answer-relevance", "bleu", "classifier", "contains", "contains-all", "contains-any", "contains-html",
        "contains-json", "contains-sql", "contains-xml", "context-faithfulness", "context-recall", "context-relevance",
        "conversation-relevance", "cost", "equals", "factuality", "finish-reason", "g-eval", "gleu", "guardrails", "icontains",
        "icontains-all", "icontains-any", "is-html", "is-json", "is-refusal", "is-sql", "is-valid-function-call",
        "is-valid-openai-function-call", "is-valid-openai-tools-call", "is-xml", "javascript", "latency", "levenshtein",
        "llm-rubric", "max-score", "meteor", "model-graded-closedqa", "model-graded-factuality", "moderation", "perplexity",
        "perplexity-score", "pi", "python", "regex", "rouge-n", "ruby", "search-rubric", "select-best", "similar",
        "similar:cosine", "similar:dot", "similar:euclidean", "skill-used", "starts-with", "tool-call-f1",
        "trace-error-spans", "trace-span-count", "trace-span-duration", "trajectory:goal-success", "trajectory:step-count",
        "trajectory:tool-args-match", "trajectory:tool-sequence", "trajectory:tool-used", "webhook", "word-count",
    }.OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal)];

    private static readonly string[] ListTypes = ["contains-all", "contains-any", "icontains-all", "icontains-any"];
    private static readonly string[] RawTypes = ["contains-json", "is-json"];
    private static readonly string[] ThresholdTypes =
    [
        "answer-relevance", "classifier", "context-faithfulness", "context-recall", "context-relevance", "cost", "latency",
        "levenshtein", "perplexity-score", "perplexity", "rouge-n", "similar", "starts-with",
    ];

    private static readonly Regex Pattern = new(
        $"^(not-)?({string.Join('|', Types.Select(Regex.Escape))})(?:\\((\\d+(?:\\.\\d+)?)\\))?(?::([\\s\\S]*))?$",
        RegexOptions.CultureInvariant);

    public static YamlMappingNode FromString(string expected)
    {
        foreach (var prefix in new[] { "javascript:", "fn:", "eval:" })
        {
            if (expected.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Make("javascript", expected[prefix.Length..].Trim());
            }
        }

        var file = ImportContext.FileReference(expected);
        if (file is not null && Path.GetExtension(file.Split(':')[0]).ToLowerInvariant() is ".js" or ".cjs" or ".mjs" or ".ts")
        {
            return Make("javascript", expected);
        }

        if (expected.StartsWith("grade:", StringComparison.Ordinal) || expected.StartsWith("llm-rubric:", StringComparison.Ordinal))
        {
            return Make("llm-rubric", expected[(expected.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        }

        if (expected.StartsWith("python:", StringComparison.Ordinal) || (file is not null && (file.EndsWith(".py", StringComparison.Ordinal) || file.Contains(".py:", StringComparison.Ordinal))))
        {
            return Make("python", expected);
        }

        if (Pattern.Match(expected) is not { Success: true } match)
        {
            return Make("equals", expected);
        }

        var type = match.Groups[2].Value;
        var fullType = match.Groups[1].Success ? $"not-{type}" : type;
        var value = match.Groups[4].Success ? match.Groups[4].Value : null;
        if (ListTypes.Contains(type))
        {
            var map = new YamlMappingNode { { "type", fullType } };
            if (value is not null)
            {
                map.Add("value", new YamlSequenceNode(value.Split(',').Select(v => (YamlNode)Quoted(v.Trim()))));
            }

            return map;
        }

        if (RawTypes.Contains(type))
        {
            return Make(fullType, value);
        }

        var assertion = Make(fullType, value?.Trim());
        if (ThresholdTypes.Contains(type))
        {
            var threshold = match.Groups[3].Success && double.TryParse(match.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
                ? t
                : type == "similar" ? 0.8 : 0.75;
            assertion.Add("threshold", threshold.ToString(CultureInfo.InvariantCulture));
        }

        return assertion;
    }

    private static YamlMappingNode Make(string type, string? value)
    {
        var map = new YamlMappingNode { { "type", type } };
        if (value is not null)
        {
            map.Add("value", Quoted(value));
        }

        return map;
    }

    private static YamlScalarNode Quoted(string text) => new(text) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
}
