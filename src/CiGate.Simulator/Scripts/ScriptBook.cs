using System.Collections.Concurrent;
using CiGate.Simulator.Hashing;

namespace CiGate.Simulator.Scripts;

/// <summary>
/// The loaded script rules and the per-prompt request counters that flaky rules cycle on. The
/// first rule (in file order, files in the order given) whose model and match fit answers.
/// </summary>
internal sealed class ScriptBook(IReadOnlyList<ScriptRule> rules)
{
    public const string LastLinePlaceholder = "$last_line";

    private readonly ConcurrentDictionary<(int Rule, string Model, ulong Prompt), long> _counters = new();

    public static ScriptBook Empty { get; } = new([]);

    public int Count => rules.Count;

    /// <summary>
    /// The first rule that matches, or null; counts nothing (flaky rules cycle in <see cref="Reply"/> only).
    /// </summary>
    public ScriptRule? Find(
        string prompt,
        SimulatorModel model) => rules.FirstOrDefault(r => r.Matches(prompt, model.Name));

    /// <summary>The scripted reply, or null when no rule matches.</summary>
    public string? Reply(string prompt, SimulatorModel model)
    {
        foreach (var rule in rules)
        {
            if (rule.Matches(prompt, model.Name))
            {
                var reply = Choose(rule, prompt, model);
                return reply.Contains(LastLinePlaceholder, StringComparison.Ordinal)
                    ? reply.Replace(LastLinePlaceholder, LastLine(prompt), StringComparison.Ordinal)
                    : reply;
            }
        }

        return null;
    }

    // Flaky rules: the n-th identical request (same rule, model and prompt; n from 0) gets
    // replies[(n + seed - 1) mod count], so seed 1 starts at the first reply and repeats differ.
    // Other rules: a fixed pick from hash(seed, rule, prompt), stable across repeats but not across seeds.
    private string Choose(ScriptRule rule, string prompt, SimulatorModel model)
    {
        var replies = rule.Replies;
        if (replies.Count == 1)
        {
            return replies[0];
        }

        var promptHash = StableHash.OfText(prompt);
        if (rule.Flaky)
        {
            var n = _counters.AddOrUpdate((rule.Index, model.Name, promptHash), 0, (_, c) => c + 1);
            var offset = (((long)model.Seed - 1) % replies.Count) + replies.Count;
            return replies[(int)((n + offset) % replies.Count)];
        }

        var pick = StableHash.Derive(promptHash ^ StableHash.Mix((ulong)rule.Index), model.Seed, HashSalt.ScriptReply);
        return replies[(int)(pick % (ulong)replies.Count)];
    }

    /// <summary>The last non-blank line of the prompt, trimmed.</summary>
    public static string LastLine(string prompt)
    {
        var lines = prompt.Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                return lines[i].Trim();
            }
        }

        return "";
    }
}
