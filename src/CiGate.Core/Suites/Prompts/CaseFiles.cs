using System.Text.RegularExpressions;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts;

/// <summary>
/// The files a test case references itself. A var written <c>file://path</c> (relative to the config's
/// folder) is the file's text, trimmed, as promptfoo passes it; its text is then part of the case's
/// definition. A code or media file (<c>file://make.py</c>, an image) stays the text as written: suites run
/// no code and pass text vars only (what <c>cigate import</c> says of such vars). The files read and the
/// ones its assertions name (<c>file://schema.json</c>) are the case's inputs under
/// <c>run --changed-since</c> without being declared.
/// </summary>
internal static partial class CaseFiles
{
    private const string Prefix = "file://";

    private static readonly string[] NotText =
    [
        ".js", ".cjs", ".mjs", ".ts", ".py", ".rb", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".svg",
        ".mp4", ".webm", ".ogg", ".mov", ".avi", ".wmv", ".mkv", ".m4v", ".pdf",
    ];

    /// <summary>Replaces each <c>file://</c> var by the file's text; the full paths read.</summary>
    public static List<string> LoadVars(
        Dictionary<string, object?> vars, YamlNode where, YamlContext context, string baseDirectory)
    {
        var files = new List<string>();
        foreach (var (name, value) in vars.ToList())
        {
            if (value is not string text || !text.StartsWith(Prefix, StringComparison.Ordinal)
                || NotText.Contains(Path.GetExtension(text).ToLowerInvariant()))
            {
                continue;
            }

            var relative = text[Prefix.Length..];
            var path = Path.GetFullPath(Path.Combine(baseDirectory, relative));
            if (!File.Exists(path))
            {
                var message = $"var '{name}': file '{relative}' not found (looked in {path})";
                context.Report(DiagnosticCodes.TemplateNotFound, where, message);
                continue;
            }

            vars[name] = File.ReadAllText(path).Trim();
            files.Add(path);
        }

        return files;
    }

    /// <summary>The files the assertions' sources name with <c>file://</c> (JSON schemas), as full paths.</summary>
    public static IEnumerable<string> OfAssertions(IEnumerable<string> sources, string baseDirectory) =>
        sources.SelectMany(s => FileReference().Matches(s))
            .Select(m => Path.GetFullPath(Path.Combine(baseDirectory, m.Groups[1].Value)));

    [GeneratedRegex("\"file://([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex FileReference();
}
