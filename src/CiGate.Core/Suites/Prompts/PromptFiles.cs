using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Templating;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts;

/// <summary>
/// Prompts from files or inline: a .txt/.md file (or `text:`) is the user message; a .yaml/.yml/
/// .json file is a chat message list of {role, content}. Contents are Scriban templates over vars.
/// </summary>
internal static class PromptFiles
{
    private static readonly string[] Roles = ["system", "user", "assistant"];

    public static SuitePrompt? Read(MapReader entry, string baseDirectory, int index)
    {
        var id = entry.String("id");
        var file = entry.String("file");
        var text = entry.Get("text");
        SuitePrompt? prompt = null;
        if (file is not null && text is not null)
        {
            entry.Context.Report(DiagnosticCodes.InvalidValue, text, $"'{entry.Section}' sets both 'file' and 'text'; keep one");
        }
        else if (file is not null)
        {
            prompt = Read(file, id, entry.Get("file")!, entry.Context, baseDirectory);
        }
        else if (TemplateReader.Read(entry, "text", baseDirectory, required: true) is { } template)
        {
            prompt = new SuitePrompt(id ?? $"prompt{index + 1}", template.Origin, template.Source, [new PromptMessage("user", template)]);
        }

        entry.Finish();
        return prompt;
    }

    public static SuitePrompt? Read(string relative, string? id, YamlNode node, YamlContext context, string baseDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(baseDirectory, relative));
        if (!File.Exists(path))
        {
            context.Report(DiagnosticCodes.TemplateNotFound, node, $"prompt file '{relative}' not found (looked in {path})");
            return null;
        }

        var source = File.ReadAllText(path);
        id ??= Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".yaml" or ".yml" or ".json")
        {
            return ReadMessages(source, path, id, context);
        }

        return ItemTemplate.Parse(source, path, 0, 1, blockScalar: true, context.Diagnostics) is { } template
            ? new SuitePrompt(id, path, source, [new PromptMessage("user", template)])
            : null;
    }

    /// <summary>
    /// A prompt from its recorded text (a run's results.json), parsed as the file it came from:
    /// <paramref name="fileName"/>'s extension says text or message list. Problems go to
    /// <paramref name="diagnostics"/>.
    /// </summary>
    public static SuitePrompt? FromSource(string source, string fileName, DiagnosticBag diagnostics)
    {
        var id = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is ".yaml" or ".yml" or ".json")
        {
            return ReadMessages(source, fileName, id, new YamlContext(diagnostics, fileName));
        }

        return ItemTemplate.Parse(source, fileName, 0, 1, blockScalar: true, diagnostics) is { } template
            ? new SuitePrompt(id, fileName, source, [new PromptMessage("user", template)])
            : null;
    }

    private static SuitePrompt? ReadMessages(string source, string path, string id, YamlContext context)
    {
        // JSON is YAML, so one parser reads both and keeps line numbers for errors.
        YamlStream stream;
        try
        {
            stream = YamlBounds.Load(source);
        }
        catch (YamlBoundsException ex)
        {
            YamlContext.ReportBounds(ex, path, context.Diagnostics);
            return null;
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            context.Diagnostics.Add(DiagnosticCodes.YamlSyntax, $"invalid chat prompt file: {ex.Message.ReplaceLineEndings(" ")}", path, (int)ex.Start.Line, (int)ex.Start.Column);
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlSequenceNode list || list.Children.Count == 0)
        {
            context.Diagnostics.Add(DiagnosticCodes.WrongType, "a chat prompt file must be a list of {role, content} messages", path, 1, 1);
            return null;
        }

        context.Tag(list, path);
        var messages = new List<PromptMessage>();
        foreach (var node in list.Children)
        {
            var message = MapReader.From(node, context, "message");
            var role = message?.String("role", required: true);
            if (role is not null && !Roles.Contains(role))
            {
                context.Report(DiagnosticCodes.InvalidValue, message!.Get("role")!, $"a message role must be one of {string.Join(", ", Roles)}, not '{role}'");
                role = null;
            }

            var content = message is null ? null : TemplateReader.Read(message, "content", Path.GetDirectoryName(path)!, required: true);
            message?.Finish();
            if (role is { } r && content is not null)
            {
                messages.Add(new PromptMessage(r, content));
            }
        }

        return messages.Count == list.Children.Count ? new SuitePrompt(id, path, source, messages) : null;
    }
}
