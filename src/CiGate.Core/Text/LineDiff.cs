using System.Text;

namespace CiGate.Core.Text;

/// <summary>
/// A unified diff of two texts by lines (longest common subsequence), with three lines of
/// context, the way `git diff` shows a prompt file change. Prompts are small; texts over
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

    private static List<(char Op, string Text, int OldLine, int NewLine)> Script(string[] a, string[] b)
    {
        // lcs[i, j] = length of the LCS of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var script = new List<(char, string, int, int)>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                script.Add((' ', a[x], x + 1, y + 1));
                (x, y) = (x + 1, y + 1);
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                // Removals before additions, as git shows them.
                script.Add(('-', a[x], x + 1, y + 1));
                x++;
            }
            else
            {
                script.Add(('+', b[y], x + 1, y + 1));
                y++;
            }
        }

        return script;
    }
}
