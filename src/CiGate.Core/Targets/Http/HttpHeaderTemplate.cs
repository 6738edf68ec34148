using System.Text.RegularExpressions;
using CiGate.Core.Diagnostics;
using CiGate.Core.Templating;
using Scriban.Runtime;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Targets.Http;

/// <summary>
/// A header value with <c>{{ }}</c>: a template over the case, like the URL and body. Each
/// <c>${env:NAME}</c> written in it becomes a marker of the same length before parsing, so the
/// template passes it through untouched; after rendering the marker turns back into
/// <c>${env:NAME}</c> for the cache key and into the variable's value only for sending. A case
/// variable that holds <c>${env:NAME}</c> text is sent as that text, never resolved.
/// </summary>
internal static partial class HttpHeaderTemplate
{
    private const char Marker = '\uE002';

    /// <summary>True when a header value is a template (holds <c>{{</c>).</summary>
    public static bool IsTemplate(string value) => value.Contains("{{", StringComparison.Ordinal);

    /// <summary>
    /// Parses a header's value; syntax errors are reported at their place in <paramref name="file"/> (the YAML
    /// file that holds <paramref name="node"/>).
    /// </summary>
    public static ItemTemplate? Parse(YamlScalarNode node, string file, DiagnosticBag diagnostics)
    {
        var marked = Reference().Replace(node.Value ?? "", m => Marker + m.Value[1..]);
        var block = node.Style is ScalarStyle.Literal or ScalarStyle.Folded;
        var quoted = node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
        return ItemTemplate.Parse(
            marked,
            file,
            (int)node.Start.Line,
            (int)node.Start.Column + (quoted ? 1 : 0),
            block,
            diagnostics);
    }

    /// <summary>Renders one case's value: as sent (secrets resolved) and as keyed (references as written).</summary>
    /// <exception cref="TemplateRenderException">The template failed, or rendered a line break.</exception>
    public static (string Send, string Key) Render(
        string name,
        ItemTemplate template,
        ScriptObject model,
        IReadOnlyDictionary<string, string> variables)
    {
        var text = HttpRequestModel.Unwrap(template.Render(model));
        if (text.Contains('\r', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal))
        {
            throw new TemplateRenderException(
                $"header '{name}' rendered a line break; a header value must be one line");
        }

        var key = Marked().Replace(text, m => "$" + m.Value[1..]);
        var send = Marked().Replace(text, m => variables.GetValueOrDefault(m.Groups[1].Value, ""));
        return (send, key);
    }

    [GeneratedRegex(@"\$\{env:[A-Za-z_][A-Za-z0-9_]*\}")]
    private static partial Regex Reference();

    [GeneratedRegex("\uE002\\{env:([A-Za-z_][A-Za-z0-9_]*)\\}")]
    private static partial Regex Marked();
}
