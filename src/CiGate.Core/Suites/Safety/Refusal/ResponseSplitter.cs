using System.Text;

namespace CiGate.Core.Suites.Safety.Refusal;

/// <summary>
/// Cuts a response into clauses: sentences, lines, and the halves of "X, but Y" / "X: Y". Fenced
/// code is taken out and only counted (code is help, whatever it says). Quotations keep their
/// word count but lose their words, so "say 'I can't share that'" is not read as a refusal.
/// </summary>
internal static class ResponseSplitter
{
    public static (List<Clause> Clauses, int CodeWords) Split(string output)
    {
        var text = Normalize(output);
        var codeWords = 0;
        var prose = new StringBuilder(text.Length);
        var inCode = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                codeWords += RefusalPatterns.Word().Count(line);
            }
            else
            {
                prose.Append(line).Append('\n');
            }
        }

        var blanked = RefusalPatterns.Quoted().Replace(prose.ToString(), m => RefusalPatterns.Word().Replace(m.Value, "q"));
        var clauses = new List<Clause>();
        foreach (var line in blanked.Split('\n'))
        {
            var listItem = RefusalPatterns.ListItem().IsMatch(line);
            var plain = line.TrimStart(' ', '\t', '#', '>', '-', '\u2022').Replace("*", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal);
            foreach (var part in RefusalPatterns.ClauseBreak().Split(plain))
            {
                var words = RefusalPatterns.Word().Count(part);
                if (words > 0)
                {
                    clauses.Add(new Clause(part.Trim(), words, listItem));
                }
            }
        }

        return (clauses, codeWords);
    }

    /// <summary>Lower case, straight quotes, no carriage returns.</summary>
    public static string Normalize(string output) =>
        output.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201C', '"').Replace('\u201D', '"')
            .Replace("\r", "", StringComparison.Ordinal).ToLowerInvariant();
}
