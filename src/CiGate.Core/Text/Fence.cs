namespace CiGate.Core.Text;

/// <summary>
/// Wraps untrusted text (a model's output, a reference answer) in a Markdown code fence for a
/// judge prompt. The fence is one backtick longer than the longest backtick run in the text, so
/// the text cannot close it and smuggle instructions outside it (CommonMark closes a fence only
/// on a line of at least as many backticks).
/// </summary>
public static class Fence
{
    public static string Wrap(string text, string label)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ticks = new string('`', Math.Max(3, LongestRun(text, '`') + 1));
        return $"{ticks}{label}\n{text}\n{ticks}";
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
