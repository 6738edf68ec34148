using System.Text;
using DiffPlex;

namespace CiGate.Core.Text;

/// <summary>
/// A unified diff of two texts by lines (DiffPlex's Myers diff), with three lines of context,
/// laid out the way `git diff` shows a prompt file change. Prompts are small; texts over
/// <see cref="MaxLines"/> lines are not diffed (the caller says so).
/// </summary>
public static class LineDiff
{
    public const int MaxLines = 2000;
    private const int Context = 3;

    /// <summary>The hunks (lines starting with ' ', '-', '+' or "@@"), or null when a text is too long.</summary>
    public static string? Unified(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        if (a.Length > MaxLines || b.Length > MaxLines)
        {
            return null;
        }

        var script = Script(a, b);
        var output = new StringBuilder();
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Op == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from Context lines before this change to Context lines after the last change
            // that is at most 2 × Context unchanged lines from the next.
            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < script.Count)
            {
                var next = end;
                while (next < script.Count && script[next].Op == ' ')
                {
                    next++;
                }

                if (next == script.Count || next - end > 2 * Context)
                {
                    break;
                }

                end = next + 1;
            }

            end = Math.Min(script.Count, end + Context);
            var hunk = script.GetRange(start, end - start);
            var oldStart = hunk.First().OldLine;
            var newStart = hunk.First().NewLine;
            var oldCount = hunk.Count(e => e.Op != '+');
            var newCount = hunk.Count(e => e.Op != '-');
            output.Append($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
            foreach (var (op, text, _, _) in hunk)
            {
                output.Append(op).Append(text).Append('\n');
            }

            i = end;
        }

        return output.ToString().TrimEnd('\n');
    }

    private static string Range(int start, int count) => count == 1 ? $"{start}" : $"{(count == 0 ? start - 1 : start)},{count}";

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    // The edit script from DiffPlex (Myers' O(ND) diff over whole lines), as one entry per line:
    // unchanged lines between its blocks, and in each block the removals before the additions,
    // as git shows them.
    private static List<(char Op, string Text, int OldLine, int NewLine)> Script(string[] a, string[] b)
    {
        var diff = Differ.Instance.CreateDiffs(
            Terminated(a), Terminated(b), ignoreWhiteSpace: false, ignoreCase: false, TerminatedLines.Instance);
        var script = new List<(char, string, int, int)>(a.Length + b.Length);
        int x = 0, y = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; x < block.DeleteStartA; x++, y++)
            {
                script.Add((' ', a[x], x + 1, y + 1));
            }

            for (; x < block.DeleteStartA + block.DeleteCountA; x++)
            {
                script.Add(('-', a[x], x + 1, y + 1));
            }

            for (; y < block.InsertStartB + block.InsertCountB; y++)
            {
                script.Add(('+', b[y], x + 1, y + 1));
            }
        }

        for (; x < a.Length; x++, y++)
        {
            script.Add((' ', a[x], x + 1, y + 1));
        }

        return script;
    }

    private static string Terminated(string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    // Splits the text Terminated built back into exactly its lines (each ends in '\n'), so no text
    // is split twice with different rules and "" stays no lines while "\n" is one empty line.
    private sealed class TerminatedLines : IChunker
    {
        public static readonly TerminatedLines Instance = new();

        public IReadOnlyList<string> Chunk(string text) => text.Length == 0 ? [] : text[..^1].Split('\n');
    }
}
