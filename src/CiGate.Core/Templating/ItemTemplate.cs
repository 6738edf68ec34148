using CiGate.Core.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CiGate.Core.Templating;

/// <summary>
/// A Scriban template over one dataset item (prompt, reference, few-shot target). Parsed once
/// when the config loads; rendered with strict variables so a misspelt field fails loudly
/// instead of silently producing an empty prompt.
/// </summary>
public sealed class ItemTemplate
{
    private readonly Template template;

    private ItemTemplate(string source, string origin, Template template)
    {
        Source = source;
        Origin = origin;
        this.template = template;
        var loops = new LoopSources();
        template.Page?.Accept(loops);
        LoopedFields = loops.Names;
    }

    /// <summary>
    /// Top-level variables the template iterates (<c>for option in options</c>). A dataset must give
    /// these as lists: Scriban would walk a string character by character.
    /// </summary>
    public IReadOnlyCollection<string> LoopedFields { get; }

    public string Source { get; }

    /// <summary>Where the template text lives ("file(line,col)"), for render errors.</summary>
    public string Origin { get; }

    /// <summary>Parses <paramref name="source"/>; syntax errors are reported at their line in the YAML or template file.</summary>
    public static ItemTemplate? Parse(string source, string file, int firstLine, int firstColumn, bool blockScalar, DiagnosticBag diagnostics)
    {
        var template = Template.Parse(source, file, new ParserOptions(), new LexerOptions { Lang = ScriptLang.Default });
        if (!template.HasErrors)
        {
            return new ItemTemplate(source, $"{file}({firstLine},{firstColumn})", template);
        }

        foreach (var message in template.Messages)
        {
            if (message.Type != ParserMessageType.Error)
            {
                continue;
            }

            // A block scalar's text starts on the line after its indicator; an inline string shares
            // its line, so columns shift by where the string starts.
            var line = blockScalar ? firstLine + 1 + message.Span.Start.Line : firstLine + message.Span.Start.Line;
            var column = blockScalar || message.Span.Start.Line > 0 ? message.Span.Start.Column + 1 : firstColumn + message.Span.Start.Column;
            diagnostics.Add(DiagnosticCodes.TemplateSyntax, $"template error: {message.Message}", file, line, column);
        }

        return null;
    }

    public string Render(ScriptObject model)
    {
        // A TemplateContext is costly to build (~100 us) and not thread-safe: keep one per thread
        // and give each render a clean global scope, which is what "a fresh context" must guarantee.
        var context = cachedContext ??= NewContext();
        context.PushGlobal(model);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException ex)
        {
            cachedContext = null; // a failed render may leave scopes or output behind
            throw new TemplateRenderException($"template at {Origin}: {ex.OriginalMessage}", ex);
        }
        finally
        {
            if (cachedContext is not null)
            {
                context.PopGlobal();
            }
        }
    }

    [ThreadStatic]
    private static TemplateContext? cachedContext;

    private sealed class LoopSources : ScriptVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public override void Visit(ScriptForStatement node)
        {
            if (node.Iterator is ScriptVariableGlobal variable)
            {
                Names.Add(variable.Name);
            }

            base.Visit(node);
        }
    }

    private static TemplateContext NewContext() => new()
    {
        StrictVariables = true,
        LoopLimit = 10_000,
        EnableRelaxedMemberAccess = false,
        MemberRenamer = static member => member.Name,
    };
}
