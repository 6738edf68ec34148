using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>
/// promptfoo prompts → CiGate prompts: inline strings become <c>text:</c> (nunjucks rewritten
/// as Scriban), <c>file://</c> references become <c>file:</c> relative to the output config.
/// </summary>
internal static class PromptConverter
{
    private static readonly string[] CodeExtensions = [".js", ".cjs", ".mjs", ".ts", ".py"];
    private static readonly string[] ChatExtensions = [".json", ".yaml", ".yml"];

    /// <summary>Prompt lines (under <c>prompts:</c>, at 6 spaces) and how many are active.</summary>
    public static (List<string> Lines, int Active) Convert(YamlNode? prompts, ImportContext context)
    {
        var lines = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var active = 0;
        var items = prompts switch
        {
            YamlSequenceNode list => list.Children.Select(c => (Node: c, Label: (string?)null)),
            // The map form: { "file://prompt.txt": label }.
            YamlMappingNode map => map.Children.Select(c => (Node: c.Key, Label: (c.Value as YamlScalarNode)?.Value)),
            null => [],
            _ => [(Node: prompts, Label: null)],
        };
        foreach (var (node, label) in items)
        {
            if (Prompt(node, label, ids, lines, context))
            {
                active++;
            }
        }

        if (active == 0)
        {
            context.Drop(prompts, "no prompt could be converted; add one under 'prompts:' before running");
        }

        return (lines, active);
    }

    private static bool Prompt(YamlNode node, string? label, HashSet<string> ids, List<string> lines, ImportContext context)
    {
        string? raw = null;
        string? file = null;
        switch (node)
        {
            case YamlScalarNode { Value: { } text }:
                file = ImportContext.FileReference(text);
                raw = file is null ? text : null;
                break;
            case YamlMappingNode map:
                foreach (var (keyNode, value) in map.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value;
                    var text = (value as YamlScalarNode)?.Value;
                    switch (key)
                    {
                        case "label" when text is not null:
                            label = text;
                            break;
                        case "raw" when text is not null:
                            raw = text;
                            break;
                        case "id" or "file" when text is not null && (ImportContext.FileReference(text) ?? (key == "file" ? text : null)) is { } path:
                            file = path;
                            break;
                        case "id" when text is not null:
                            label ??= text;
                            break;
                        default:
                            context.Drop(keyNode, $"prompt key '{key}' is not converted");
                            break;
                    }
                }

                break;
        }

        if (raw is null && file is null)
        {
            context.Drop(node, "a prompt must be a string, a file:// reference or a mapping with 'raw' or 'id'; it was not converted");
            return false;
        }

        if (file is not null)
        {
            return FilePrompt(file, label, node, ids, lines, context);
        }

        var (scriban, problems) = NunjucksConverter.Convert(raw!);
        foreach (var problem in problems)
        {
            context.Warn(node, problem);
        }

        var id = ImportContext.Unique(ImportContext.Slug(label ?? $"prompt{ids.Count + 1}"), ids);
        lines.Add($"      - id: {YamlEmitter.Text(id)}");
        lines.Add($"        text: {YamlEmitter.Text(scriban)}");
        return true;
    }

    private static bool FilePrompt(string file, string? label, YamlNode node, HashSet<string> ids, List<string> lines, ImportContext context)
    {
        var extension = Path.GetExtension(file.Split(':')[0]).ToLowerInvariant();
        if (file.Contains('*', StringComparison.Ordinal) || CodeExtensions.Contains(extension) || extension == ".jsonl")
        {
            var why = CodeExtensions.Contains(extension) ? "prompt functions run code, which suites never do" : "globs and .jsonl prompt lists are not expanded";
            context.Drop(node, $"prompt 'file://{file}' is not converted: {why}; list each prompt file (plain text, or a chat list in .yaml/.json)");
            lines.Add($"      # TODO(cigate import): file://{file} is not converted ({why}).");
            return false;
        }

        var fullPath = context.FullPath(file);
        if (!File.Exists(fullPath))
        {
            context.Warn(node, $"prompt file '{file}' does not exist (looked in {fullPath}); 'cigate validate' fails until it does");
        }
        else if (!ChatExtensions.Contains(extension))
        {
            var (converted, problems) = NunjucksConverter.Convert(File.ReadAllText(fullPath));
            if (problems.Count > 0 || converted != File.ReadAllText(fullPath))
            {
                // The import writes only the config: a prompt file is the user's to edit.
                context.Warn(node, $"prompt file '{file}' uses nunjucks filters or tags; edit it to Scriban syntax (for example '| upper' becomes '| string.upcase')");
            }
        }

        var id = ImportContext.Unique(ImportContext.Slug(label ?? Path.GetFileNameWithoutExtension(file)), ids);
        lines.Add($"      - id: {YamlEmitter.Text(id)}");
        lines.Add($"        file: {YamlEmitter.Text(context.Relative(file))}");
        return true;
    }
}
