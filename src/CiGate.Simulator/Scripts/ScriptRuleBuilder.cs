using System.Text.RegularExpressions;

namespace CiGate.Simulator.Scripts;

/// <summary>Turns one rule's raw fields (from YAML or JSON) into a <see cref="ScriptRule"/>; throws with the offending key.</summary>
internal static class ScriptRuleBuilder
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <param name="fields">Scalar values as text, sequences as string lists.</param>
    public static ScriptRule Build(int index, IReadOnlyDictionary<string, object> fields)
    {
        foreach (var key in fields.Keys)
        {
            if (key is not ("match" or "model" or "reply" or "replies" or "flaky"
                or "tool_call" or "arguments" or "reasoning"))
            {
                throw new InvalidDataException(
                    $"unknown key '{key}' (expected match, model, reply, replies, flaky, " +
                    "tool_call, arguments, reasoning).");
            }
        }

        var match = Text(fields, "match") ?? throw new InvalidDataException("missing key 'match'.");
        var model = Text(fields, "model");
        var reply = Text(fields, "reply");
        var replies = fields.TryGetValue("replies", out var list)
            ? list as List<string> ?? throw new InvalidDataException("'replies' must be a list of strings.")
            : null;
        var toolCall = Text(fields, "tool_call");
        var arguments = Text(fields, "arguments");
        if (reply is not null && replies is not null)
        {
            throw new InvalidDataException("a rule needs exactly one of 'reply' or 'replies'.");
        }

        if (reply is null && replies is null && toolCall is null)
        {
            throw new InvalidDataException("a rule needs exactly one of 'reply' or 'replies' (or a 'tool_call').");
        }

        if (arguments is not null && toolCall is null)
        {
            throw new InvalidDataException("'arguments' needs a 'tool_call'.");
        }

        if (replies is { Count: 0 })
        {
            throw new InvalidDataException("'replies' must not be empty.");
        }

        var flaky = Text(fields, "flaky") switch
        {
            null => false,
            var f when bool.TryParse(f, out var b) => b,
            var f => throw new InvalidDataException($"'flaky' must be true or false, got '{f}'."),
        };
        var (substring, pattern) = ParseMatch(match);
        // A tool-call rule without a reply answers a request that offers no tools with an empty text.
        string[] texts = replies is not null ? [.. replies] : [reply ?? ""];
        return new ScriptRule(index, substring, pattern, model, texts, flaky)
        {
            ToolCall = toolCall,
            Arguments = arguments ?? "{}",
            Reasoning = Text(fields, "reasoning"),
        };
    }

    // "/regex/flags" is a regular expression (flags i, m, s, x); anything else is a case-sensitive substring.
    private static (string? Substring, Regex? Pattern) ParseMatch(string match)
    {
        var close = match.LastIndexOf('/');
        if (match.Length < 2 || match[0] != '/' || close == 0)
        {
            return (match, null);
        }

        var options = RegexOptions.CultureInvariant;
        foreach (var flag in match[(close + 1)..])
        {
            options |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                _ => throw new InvalidDataException($"unknown regex flag '{flag}' in match '{match}' (expected i, m, s, x)."),
            };
        }

        try
        {
            return (null, new Regex(match[1..close], options, MatchTimeout));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"invalid regex in match '{match}': {ex.Message}", ex);
        }
    }

    private static string? Text(IReadOnlyDictionary<string, object> fields, string key) =>
        !fields.TryGetValue(key, out var value) ? null
        : value as string ?? throw new InvalidDataException($"'{key}' must be a single value, not a list.");
}
