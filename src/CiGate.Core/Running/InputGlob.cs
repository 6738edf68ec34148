using System.Text;
using System.Text.RegularExpressions;

namespace CiGate.Core.Running;

/// <summary>
/// A suite's <c>inputs:</c> glob, relative to the config's folder: <c>*</c> and <c>?</c> stay within
/// one folder, <c>**</c> spans folders (<c>prompts/**/*.txt</c>, <c>src/**</c>). Matched against full paths.
/// </summary>
public sealed class InputGlob
{
    private readonly Regex regex;

    public InputGlob(string pattern, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        var full = Path.GetFullPath(Path.Combine(baseDirectory, pattern.Replace('\\', '/'))).Replace('\\', '/');
        var text = new StringBuilder("^");
        for (var i = 0; i < full.Length; i++)
        {
            var c = full[i];
            if (c == '*' && i + 1 < full.Length && full[i + 1] == '*')
            {
                var slash = i + 2 < full.Length && full[i + 2] == '/';
                text.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                text.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        regex = new Regex(text.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Pattern { get; }

    public bool Matches(string fullPath) => regex.IsMatch(fullPath.Replace('\\', '/'));
}
