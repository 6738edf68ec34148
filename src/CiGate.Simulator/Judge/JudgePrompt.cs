namespace CiGate.Simulator.Judge;

/// <summary>
/// Finds what a judge prompt asks to grade: the last complete <c>```output</c> fence, its rubric,
/// and the last <c>```reference</c> fence when there is one (a factuality check).
/// Fences are parsed like CommonMark: an opening line of three or more backticks followed by
/// <c>output</c>, closed only by a line of at least as many backticks and nothing else, so judged
/// text may contain shorter backtick runs (even its own <c>```output</c> lines) when the prompt uses
/// a longer fence.
/// </summary>
internal sealed record JudgePrompt(string? Output, string? Rubric, string? Reference = null)
{
    private const string RubricLabel = "Rubric:";

    public static JudgePrompt Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fences = new Dictionary<string, (string Content, int Start, int End)>(StringComparer.Ordinal);
        string? label = null;
        int openLength = 0, openStart = 0, contentStart = 0;
        var position = 0;
        while (position <= text.Length)
        {
            var newline = text.IndexOf('\n', position);
            var lineEnd = newline < 0 ? text.Length : newline;
            var line = text.AsSpan(position, lineEnd - position).Trim();
            var next = newline < 0 ? text.Length + 1 : newline + 1;
            if (openLength == 0)
            {
                var ticks = Backticks(line);
                var info = line[ticks..].Trim();
                if (ticks >= 3 && info.Length > 0 && info.IndexOfAny(' ', '`') < 0)
                {
                    (label, openLength, openStart, contentStart) = (info.ToString(), ticks, position, Math.Min(next, text.Length));
                }
            }
            else if (line.Length >= openLength && Backticks(line) == line.Length)
            {
                // The newline before the closing fence belongs to the fence, not to the content.
                var contentEnd = Math.Max(contentStart, position - 1);
                fences[label!] = (text[contentStart..contentEnd].TrimEnd('\r'), openStart, lineEnd);
                openLength = 0;
            }

            position = next;
        }

        if (!fences.TryGetValue("output", out var output))
        {
            return new JudgePrompt(null, null);
        }

        return new JudgePrompt(output.Content, FindRubric(text, output.Start, output.End), fences.TryGetValue("reference", out var reference) ? reference.Content : null);
    }

    // The rubric normally precedes the output ("Rubric: ..." up to the fence); a template that puts
    // it after the output is read from the label to the end instead.
    private static string? FindRubric(string text, int fenceStart, int fenceEnd)
    {
        var before = text.LastIndexOf(RubricLabel, fenceStart, StringComparison.Ordinal);
        if (before >= 0)
        {
            return text[(before + RubricLabel.Length)..fenceStart].Trim();
        }

        var after = text.IndexOf(RubricLabel, fenceEnd, StringComparison.Ordinal);
        return after < 0 ? null : text[(after + RubricLabel.Length)..].Trim();
    }

    private static int Backticks(ReadOnlySpan<char> line)
    {
        var count = 0;
        while (count < line.Length && line[count] == '`')
        {
            count++;
        }

        return count;
    }
}
