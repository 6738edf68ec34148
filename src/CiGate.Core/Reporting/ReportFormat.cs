namespace CiGate.Core.Reporting;

/// <summary>
/// How one output format escapes text and how long its excerpts are. Every untrusted string
/// reaches a model through <see cref="Name"/>, <see cref="Text"/>, <see cref="Output"/> or
/// <see cref="Sentence"/>: sanitised to one line, cut, then escaped.
/// </summary>
internal sealed record ReportFormat(
    ITextEscaper Escaper,
    int NameChars,
    int TextChars,
    int OutputChars,
    int SentenceChars,
    bool Charts,
    Func<string, string> LinkMarkup)
{
    public static ReportFormat Markdown { get; } = new(MarkdownEscaper.Instance, 80, 60, 120, 400, Charts: false, MarkdownLink);

    public static ReportFormat Html { get; } = new(MarkupEscaper.Instance, 120, 200, 300, 1000, Charts: true, HtmlLink);

    public static ReportFormat Xml { get; } = new(MarkupEscaper.Instance, 120, 500, 500, 1000, Charts: false, MarkupEscaper.Instance.Escape);

    public string Name(string? raw) => Escaper.Escape(TextSanitizer.Excerpt(raw, NameChars));

    public string Text(string? raw) => Escaper.Escape(TextSanitizer.Excerpt(raw, TextChars));

    public string Output(string? raw) => Escaper.Escape(TextSanitizer.Excerpt(raw, OutputChars));

    /// <summary>A model's reply: its opening and its end (where the answer is) when it is too long.</summary>
    public string Reply(string? raw) => Escaper.Escape(TextSanitizer.ExcerptEnds(raw, OutputChars));

    public string Sentence(string? raw) => Escaper.Escape(TextSanitizer.Excerpt(raw, SentenceChars));

    /// <summary>Lines a code block (a prompt diff) keeps; the rest is counted in a last line.</summary>
    public const int CodeLines = 150;

    /// <summary>
    /// Untrusted multi-line text shown verbatim: in Markdown a fence longer than any backtick run
    /// in it (nothing inside a fence is markup, so nothing is escaped), elsewhere escaped in a pre.
    /// </summary>
    public string CodeBlock(string raw, string language)
    {
        var lines = raw.ReplaceLineEndings("\n").Split('\n');
        var kept = lines.Take(CodeLines).Select(l => TextSanitizer.CodeLine(l, 300)).ToList();
        if (lines.Length > CodeLines)
        {
            kept.Add($"… {lines.Length - CodeLines} more lines");
        }

        var text = string.Join("\n", kept);
        if (Escaper is not MarkdownEscaper)
        {
            return $"<pre class=\"{language}\">{Escaper.Escape(text)}</pre>";
        }

        var longest = 0;
        for (int i = 0, run = 0; i < text.Length; i++)
        {
            run = text[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}{language}\n{text}\n{fence}";
    }

    /// <summary>The full report's address as markup of this format, or "" when there is none.</summary>
    public string Link(string? url)
    {
        var clean = TextSanitizer.Excerpt(url, 2000);
        return clean.Length == 0 ? "" : LinkMarkup(clean);
    }

    private static string MarkdownLink(string url)
    {
        // An angle-bracket destination may hold spaces but no brackets or backslash escapes.
        var destination = url.Replace("\\", "%5C").Replace("<", "%3C").Replace(">", "%3E");
        // The joiners that stop GitHub autolinking text are not needed inside a link's own text.
        var text = MarkdownEscaper.Instance.Escape(url).Replace("\u200D", "", StringComparison.Ordinal);
        return $"[{text}](<{destination}>)";
    }

    private static string HtmlLink(string url)
    {
        var escaped = MarkupEscaper.Instance.Escape(url);
        return $"<a href=\"{escaped}\">{escaped}</a>";
    }
}
