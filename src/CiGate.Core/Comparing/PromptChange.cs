using System.Text.Json.Nodes;
using CiGate.Core.Results;
using CiGate.Core.Text;

namespace CiGate.Core.Comparing;

/// <summary>
/// One prompt whose text differs between base and head: its unified diff (null when added,
/// removed or too long to diff; <see cref="Note"/> says which). From the prompt texts that
/// results.json keeps for prompt suites, so compare needs no checkout of either commit.
/// </summary>
public sealed record PromptChange(string Prompt, string? Diff, string Note)
{
    private const string SourcesKey = "prompt_sources";

    public static IReadOnlyList<PromptChange> Between(SuiteResult @base, SuiteResult head)
    {
        if (@base.PromptTemplateHash == head.PromptTemplateHash
            || @base.Definition[SourcesKey] is not JsonObject before
            || head.Definition[SourcesKey] is not JsonObject after)
        {
            return [];
        }

        var changes = new List<PromptChange>();
        foreach (var id in before.Select(p => p.Key).Union(after.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            var old = before[id]?.GetValue<string>();
            var @new = after[id]?.GetValue<string>();
            if (old == @new)
            {
                continue;
            }

            changes.Add((old, @new) switch
            {
                (null, _) => new PromptChange(id, null, "added in head"),
                (_, null) => new PromptChange(id, null, "removed in head"),
                _ when LineDiff.Unified(old, @new) is { } diff => new PromptChange(id, diff, ""),
                _ => new PromptChange(id, null, $"changed; longer than {LineDiff.MaxLines} lines, so not diffed"),
            });
        }

        return changes;
    }
}
