using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>promptfoo's <c>http</c> provider → a <c>type: http</c> target (docs/targets/http.md).</summary>
internal static partial class AppProviderConverter
{
    private static readonly string[] HttpKeys =
        ["url", "method", "headers", "body", "transformResponse", "responseParser"];

    private static void Http(
        string id, string name, YamlMappingNode? config, YamlNode node, List<string> lines, ImportContext context)
    {
        var url = (Get(config, "url") as YamlScalarNode)?.Value
            ?? (id.Contains("://", StringComparison.Ordinal) ? id : null);
        if (url is null)
        {
            context.Drop(node, $"provider '{id}' has no config.url: it is written as a commented TODO target");
            lines.Add($"  # TODO(cigate import): provider '{id}' has no config.url; see docs/targets/http.md.");
            return;
        }

        lines.Add($"  {YamlEmitter.Text(name)}:");
        lines.Add("    type: http");
        lines.Add($"    url: {YamlEmitter.Text(Template(url, header: false, Get(config, "url") ?? node, context))}");
        if ((Get(config, "method") as YamlScalarNode)?.Value is { } method)
        {
            lines.Add($"    method: {YamlEmitter.Text(method.ToUpperInvariant())}");
        }

        if (Get(config, "headers") is YamlMappingNode { Children.Count: > 0 } headers)
        {
            lines.Add("    headers:");
            foreach (var (key, value) in headers.Children)
            {
                var text = (value as YamlScalarNode)?.Value ?? "";
                lines.Add($"      {YamlEmitter.Text(((YamlScalarNode)key).Value ?? "")}: "
                    + YamlEmitter.Text(Template(text, header: true, value, context)));
            }
        }

        if (Get(config, "body") is { } body)
        {
            YamlEmitter.Entry(lines, "body", Body(body, context), 4);
        }

        lines.Add("    response:");
        lines.Add($"      output: {YamlEmitter.Text(Output(config, context) ?? "")}");
        foreach (var (key, _) in config?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            if (key is YamlScalarNode { Value: { } k } && !HttpKeys.Contains(k))
            {
                context.Warn(key, $"http provider config '{k}' is not converted (see docs/targets/http.md)");
            }
        }
    }

    /// <summary>A <c>transformResponse</c> path (<c>json.a.b[0]</c>) as a JSON Pointer; none: the reply.</summary>
    private static string? Output(YamlMappingNode? config, ImportContext context)
    {
        var node = Get(config, "transformResponse") ?? Get(config, "responseParser");
        if (node is null)
        {
            return "";
        }

        var text = (node as YamlScalarNode)?.Value ?? "";
        if (JsonPath().Match(text) is { Success: true } match)
        {
            var pointer = string.Concat(PathStep().Matches(match.Groups[1].Value).Select(step =>
            {
                var name = step.Groups[1].Success ? step.Groups[1].Value
                    : step.Groups[2].Success ? step.Groups[2].Value
                    : step.Groups[3].Success ? step.Groups[3].Value : step.Groups[4].Value;
                return "/" + name.Replace("~", "~0", StringComparison.Ordinal)
                    .Replace("/", "~1", StringComparison.Ordinal);
            }));
            return pointer;
        }

        context.Drop(node, $"transformResponse '{ErrorTextOf(text)}' is code, not a path such as json.output: "
            + "CiGate maps replies with JSON Pointers and runs no code; output is the whole reply until you set "
            + "response.output (a JSON Pointer, docs/targets/http.md)");
        return "";
    }

    private static string ErrorTextOf(string text) =>
        text.Length > 60 ? text[..60].ReplaceLineEndings(" ") + "..." : text.ReplaceLineEndings(" ");

    /// <summary>The body with each string leaf's template converted; numbers, booleans and null stay typed.</summary>
    private static YamlNode Body(YamlNode node, ImportContext context) => node switch
    {
        YamlMappingNode map => new YamlMappingNode(map.Children.Select(p =>
            new KeyValuePair<YamlNode, YamlNode>(p.Key, Body(p.Value, context)))),
        YamlSequenceNode list => new YamlSequenceNode(list.Children.Select(c => Body(c, context))),
        YamlScalarNode { Style: ScalarStyle.Plain } s
            when YamlEmitter.Scalar(s) == s.Value && !(s.Value ?? "").Contains('{') => s,
        YamlScalarNode s => new YamlScalarNode(Template(s.Value ?? "", header: false, s, context))
        {
            Style = ScalarStyle.DoubleQuoted,
        },
        _ => node,
    };

    /// <summary>
    /// A promptfoo (Nunjucks) template as CiGate's: <c>{{prompt}}</c> stays, <c>{{name}}</c> becomes
    /// <c>{{ vars.name }}</c>, <c>{{env.NAME}}</c> becomes <c>${env:NAME}</c> in a header (a secret,
    /// read at send time); anything else is kept and reported.
    /// </summary>
    private static string Template(string text, bool header, YamlNode node, ImportContext context)
    {
        if (!header && EnvReference().IsMatch(text))
        {
            context.Drop(node, $"'{ErrorTextOf(text)}' reads the environment outside a header: CiGate reads secrets "
                + "only in headers (${env:NAME}); it is sent as the empty text until you move it");
        }

        var converted = EnvReference().Replace(text, m => header ? $"${{env:{m.Groups[1].Value}}}" : "");
        converted = SimpleReference().Replace(converted, m =>
            m.Groups[1].Value == "prompt" ? "{{ prompt }}" : $"{{{{ vars.{m.Groups[1].Value} }}}}");
        var rest = SimpleReference().Replace(EnvReference().Replace(text, ""), "");
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("{%", StringComparison.Ordinal))
        {
            context.Warn(node, $"'{ErrorTextOf(text)}' uses Nunjucks beyond {{{{ name }}}}: kept as written; CiGate's "
                + "templates are Scriban, with case variables under vars. (docs/targets/http.md)");
        }

        return converted;
    }
}
