using CiGate.Core.Diagnostics;
using CiGate.Core.Targets.Http;
using CiGate.Core.Targets;
using CiGate.Core.Templating;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config.TargetReaders;

/// <summary>Reads a <c>type: http</c> target (see docs/targets/http.md); every error at once, each at its place.</summary>
internal static class HttpTargetReader
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static readonly Dictionary<string, bool> Streams = new(StringComparer.Ordinal)
    {
        ["none"] = false,
        ["sse"] = true,
    };

    private static readonly Uri Placeholder = new("http://127.0.0.1:1/");

    public static TargetDefinition Read(string name, MapReader map)
    {
        var context = map.Context;
        var places = new Dictionary<string, SourcePlace>(StringComparer.Ordinal);
        var url = ReadUrl(name, map, places, out var baseUrl);
        var method = ReadMethod(name, map);
        var body = map.Get("body") is { } bodyNode ? HttpBodyReader.Read(bodyNode, context) : null;
        if (body is not null && method == "GET")
        {
            context.Report(DiagnosticCodes.HttpBadMethod, map.Get("body")!, $"'targets.{name}' sends GET, which carries no body; use POST or drop 'body'");
        }

        var response = HttpResponseReader.Read(map.Map("response"), map);
        var stream = map.Choice("stream", Streams) ?? false;
        var model = map.String("model") ?? name;
        var headers = TargetReader.ReadHeaders(map.Map("headers"), places);
        var headerTemplates = ReadHeaderTemplates(map.Get("headers"), headers, context);
        var concurrency = map.Int("concurrency", 1, 4096) ?? 8;
        var timeout = map.Duration("timeout") ?? TimeSpan.FromSeconds(120);
        var retry = TargetReader.ReadRetry(map.Map("retries"));
        map.Finish();
        RequireTrust(name, baseUrl, headers, places, context);

        // A target with errors is still defined (the load fails anyway), so suites naming it report nothing more.
        url ??= ItemTemplate.Parse(Placeholder.AbsoluteUri, "", 0, 0, false, new DiagnosticBag())!;
        var settings = new HttpTargetSettings(
            method ?? "POST", url, body, response ?? new HttpResponseMap(default), stream, headerTemplates);
        var config = new TargetConfig(name, baseUrl ?? Placeholder, model, null, headers, TargetApi.Chat, concurrency, timeout, retry, 0, null)
        {
            Places = places,
            Http = settings,
        };
        return new TargetDefinition(config, null);
    }

    /// <summary>The URL is a template, but its scheme and host are written out: the trust policy must see where secrets go.</summary>
    private static ItemTemplate? ReadUrl(string name, MapReader map, Dictionary<string, SourcePlace> places, out Uri? baseUrl)
    {
        baseUrl = null;
        var text = map.String("url", required: true);
        if (text is null)
        {
            return null;
        }

        var node = map.Get("url")!;
        places["url"] = map.Context.PlaceOf(node);
        var literal = text.Split("{{", 2)[0];
        if (!Uri.TryCreate(literal, UriKind.Absolute, out var prefix) || prefix.Scheme is not ("http" or "https")
            || prefix.Host.Length == 0 || (literal.Length < text.Length && !literal[(prefix.Scheme.Length + 3)..].Contains('/', StringComparison.Ordinal)))
        {
            map.Context.Report(
                DiagnosticCodes.HttpBadUrl,
                node,
                $"'targets.{name}.url' must start with a literal http(s) scheme and host, such as http://127.0.0.1:8080/answer, not '{text}'");
            return null;
        }

        baseUrl = new Uri(prefix.GetLeftPart(UriPartial.Path));
        return HttpBodyReader.Template((YamlScalarNode)node, map.Context);
    }

    /// <summary>A header value with <c>{{ }}</c> is a template over the case, as the URL and body are.</summary>
    private static Dictionary<string, ItemTemplate> ReadHeaderTemplates(
        YamlNode? node,
        Dictionary<string, string> headers,
        YamlContext context)
    {
        var templates = new Dictionary<string, ItemTemplate>(StringComparer.OrdinalIgnoreCase);
        if (node is not YamlMappingNode mapping)
        {
            return templates;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode scalar
                && headers.TryGetValue(name, out var text) && HttpHeaderTemplate.IsTemplate(text)
                && HttpHeaderTemplate.Parse(scalar, context.FileOf(scalar), context.Diagnostics) is { } template)
            {
                templates[name] = template;
            }
        }

        return templates;
    }

    private static string? ReadMethod(string name, MapReader map)
    {
        var text = map.String("method") ?? "POST";
        var method = text.ToUpperInvariant();
        if (Methods.Contains(method))
        {
            return method;
        }

        map.Context.Report(DiagnosticCodes.HttpBadMethod, map.Get("method")!, $"'targets.{name}.method' must be one of {string.Join(", ", Methods)}, not '{text}'");
        return null;
    }

    /// <summary>A secret header may go only to a trusted host, as for a model target's base_url.</summary>
    private static void RequireTrust(string name, Uri? url, Dictionary<string, string> headers, Dictionary<string, SourcePlace> places, YamlContext context)
    {
        var secrets = headers.Where(h => TargetSecrets.ReadsEnvironment(h.Value)).Select(h => $"header '{h.Key}' (read from the environment)").ToList();
        if (url is not null && secrets.Count > 0)
        {
            context.Privileges.Add(new Privilege(PrivilegeKind.SecretToHost, $"targets.{name}.url", name, string.Join(" and ", secrets), url.Host, places["url"]));
        }
    }
}
