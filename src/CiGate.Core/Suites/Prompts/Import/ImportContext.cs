using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>Where the conversion reads from and writes to, and the warnings it collects.</summary>
internal sealed class ImportContext(string sourcePath, string outputPath)
{
    public string SourcePath { get; } = sourcePath;

    public string SourceDirectory { get; } = Path.GetDirectoryName(sourcePath)!;

    public string OutputDirectory { get; } = Path.GetDirectoryName(outputPath)!;

    public List<ImportWarning> Warnings { get; } = [];

    /// <summary>The shims (shims/promptfoo) the converted targets run, written to cigate-shims/ beside the config.</summary>
    public SortedSet<string> Shims { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when a model-graded assertion was converted: the output then needs a grader target.</summary>
    public bool NeedsGrader { get; set; }

    /// <summary>Set when a moderation assertion was converted to the endpoint form: the output then needs the moderator target.</summary>
    public bool NeedsModerator { get; set; }

    /// <summary>The name of the moderations target the import adds ("moderator" unless the config has one).</summary>
    public string ModeratorTarget { get; set; } = "moderator";

    /// <summary>The file whose nodes are being converted: the promptfoo config, or a tests file it names.</summary>
    public string CurrentFile { get; set; } = sourcePath;

    /// <summary>A note: something not converted that does not change what is tested.</summary>
    public void Warn(YamlNode? node, string message) => Add(node, message, dropped: false);

    /// <summary>Something the converted config does not test although the original does.</summary>
    public void Drop(YamlNode? node, string message) => Add(node, message, dropped: true);

    /// <summary>Set while a CSV row is converted: its line, since the nodes built from it have no position.</summary>
    public int? CurrentLine { get; set; }

    private void Add(YamlNode? node, string message, bool dropped)
    {
        var line = CurrentLine ?? (node is null ? 0 : (int)node.Start.Line);
        var column = CurrentLine is not null ? 1 : node is null ? 0 : (int)node.Start.Column;
        Warnings.Add(new ImportWarning(message, CurrentFile, line, column, dropped));
    }

    /// <summary>The full path of a file the promptfoo config names (relative to the promptfoo file).</summary>
    public string FullPath(string promptfooRelative) => Path.GetFullPath(Path.Combine(SourceDirectory, promptfooRelative));

    /// <summary>A promptfoo-relative path rewritten relative to the output config, with forward slashes.</summary>
    public string Relative(string promptfooRelative) =>
        Path.GetRelativePath(OutputDirectory, FullPath(promptfooRelative)).Replace('\\', '/');

    public static string? FileReference(string text) =>
        text.StartsWith("file://", StringComparison.Ordinal) ? text["file://".Length..] : null;

    /// <summary>A name usable as a CiGate target or prompt id: lower case, letters, digits, '-', '_' and '.'.</summary>
    public static string Slug(string text)
    {
        var chars = text.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        var slug = new string(chars).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "item" : slug;
    }

    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = $"{name}-{i}";
        }

        return candidate;
    }
}
