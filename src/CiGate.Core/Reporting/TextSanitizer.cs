using System.Text;

namespace CiGate.Core.Reporting;

/// <summary>
/// Turns untrusted text (model output, dataset fields, names) into one printable line: terminal
/// escape sequences, control and bidirectional-override characters are removed, every run of
/// whitespace (CR, LF, tabs, Unicode separators) becomes one space, and long text is cut to an
/// excerpt with an ellipsis. Output escaping happens afterwards, per format.
/// </summary>
internal static class TextSanitizer
{
    private const char Escape = '\u001B';

    public static string Excerpt(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 2));
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == Escape)
            {
                i = SkipEscapeSequence(text, i);
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '\u0085' or '\u2028' or '\u2029')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (IsInvisibleControl(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }

            if (builder.Length > maxLength)
            {
                return Cut(builder, maxLength);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Like <see cref="Excerpt"/>, but a text too long keeps its opening and its end around " … ":
    /// a model's answer usually comes last, after the reasoning that opens the reply.
    /// </summary>
    public static string ExcerptEnds(string? text, int maxLength)
    {
        var clean = Excerpt(text, int.MaxValue - 2);
        if (clean.Length <= maxLength || maxLength < 24)
        {
            return clean.Length <= maxLength ? clean : Excerpt(text, maxLength);
        }

        var head = maxLength / 3;
        var tail = maxLength - head - 3;
        var start = clean.Length - tail;
        if (char.IsLowSurrogate(clean[start]))
        {
            start++;
        }

        if (char.IsHighSurrogate(clean[head - 1]))
        {
            head--;
        }

        return clean[..head].TrimEnd() + " … " + clean[start..].TrimStart();
    }

    /// <summary>One line of a code block: like <see cref="Excerpt"/> but spaces are kept as they are (indentation matters), tabs become four.</summary>
    public static string CodeLine(string line, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(line.Length, maxLength + 2));
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == Escape)
            {
                i = SkipEscapeSequence(line, i);
            }
            else if (c == '\t')
            {
                builder.Append("    ");
            }
            else if (!IsInvisibleControl(c) && c is not ('\u0085' or '\u2028' or '\u2029'))
            {
                builder.Append(char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1])) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(line[i - 1])) ? '\uFFFD' : c);
            }

            if (builder.Length > maxLength)
            {
                return Cut(builder, maxLength);
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static string Cut(StringBuilder builder, int maxLength)
    {
        var length = Math.Max(0, maxLength - 1);
        if (length > 0 && char.IsHighSurrogate(builder[length - 1]))
        {
            length--;
        }

        return builder.ToString(0, length).TrimEnd() + "…";
    }

    private static bool IsInvisibleControl(char c) =>
        c < '\u0020'
        || c is >= '\u007F' and <= '\u009F'
        || c is >= '\u202A' and <= '\u202E' // bidi embeddings and overrides can reorder what a reader sees
        || c is >= '\u2066' and <= '\u2069'
        || c is '\u061C' or '\u200E' or '\u200F' or '\uFEFF' or '\uFFFE' or '\uFFFF';

    // ANSI/VT sequences: CSI (ESC [ params final), OSC/DCS-style strings (ESC ] ... BEL or ESC \),
    // otherwise ESC plus one character. Returns the index of the sequence's last character.
    private static int SkipEscapeSequence(string text, int start)
    {
        var i = start + 1;
        if (i >= text.Length)
        {
            return start;
        }

        switch (text[i])
        {
            case '[':
                for (i++; i < text.Length; i++)
                {
                    if (text[i] is >= '\u0040' and <= '\u007E')
                    {
                        return i;
                    }
                }

                return text.Length - 1;
            case ']' or 'P' or 'X' or '^' or '_':
                for (i++; i < text.Length; i++)
                {
                    if (text[i] == '\u0007')
                    {
                        return i;
                    }

                    if (text[i] == Escape && i + 1 < text.Length && text[i + 1] == '\\')
                    {
                        return i + 1;
                    }
                }

                return text.Length - 1;
            default:
                return i;
        }
    }
}
