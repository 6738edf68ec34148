using System.Text;

namespace CiGate.Core.Targets.Exec;

/// <summary>
/// Splits a command written as one string into argv the way a POSIX shell splits words, without
/// running a shell: whitespace separates words, '...' is literal, "..." keeps spaces and honours
/// \" \\ \$ \`, and a backslash outside quotes escapes the next character. Nothing is expanded
/// (no $VAR, globs, pipes or redirections). Hand-written: the process libraries the feed serves
/// (CliWrap, MedallionShell) quote argv for a command line but none parses shell words.
/// </summary>
internal static class CommandLineSplitter
{
    /// <summary>
    /// The words, or null with <paramref name="problem"/> set (an unclosed quote, a trailing backslash).
    /// </summary>
    public static IReadOnlyList<string>? Split(string text, out string? problem)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        problem = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        problem = "an unclosed single quote";
                        return null;
                    }

                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    if (!ReadDoubleQuoted(text, ref i, word))
                    {
                        problem = "an unclosed double quote";
                        return null;
                    }

                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 >= text.Length)
                    {
                        problem = "a backslash at the end";
                        return null;
                    }

                    word.Append(text[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static bool ReadDoubleQuoted(string text, ref int i, StringBuilder word)
    {
        for (i++; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return true;
            }

            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
            {
                c = text[++i];
            }

            word.Append(c);
        }

        return false;
    }
}
