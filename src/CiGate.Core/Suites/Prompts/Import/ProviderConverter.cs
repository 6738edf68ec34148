using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>
/// promptfoo providers → CiGate targets. OpenAI providers become targets on the OpenAI API;
/// any other provider is written as a commented TODO target and reported, never dropped.
/// </summary>
internal static class ProviderConverter
{
    private const string OpenAiUrl = "https://api.openai.com/v1";

    // OpenAI-compatible endpoints of other providers' ids: Ollama's /v1, and Anthropic's OpenAI SDK
    // compatibility layer (which Anthropic documents as a way to test and compare, with limits).
    private const string OllamaUrl = "http://localhost:11434/v1";
    private const string AnthropicUrl = "https://api.anthropic.com/v1";
    private static readonly string[] OllamaModes = ["chat", "completion"];
    private static readonly string[] OpenAiModes = ["chat", "completion", "responses"];
    private static readonly string[] CodeProviders = ["exec", "python", "file", "golang", "ruby", "script"];
    private static readonly string[] NonChatModes = ["embedding", "embeddings", "assistant", "image", "realtime", "moderation", "transcription"];

    /// <summary>Target lines (under <c>targets:</c>), how many are active, and the largest max_tokens set.</summary>
    public static (List<string> Lines, int Active, int? MaxTokens) Convert(YamlNode? providers, int? concurrency, ImportContext context)
    {
        var lines = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int? maxTokens = null;
        var active = 0;
        IEnumerable<YamlNode> items = providers switch
        {
            YamlSequenceNode list => list.Children,
            null => [],
            _ => [providers],
        };
        foreach (var item in items)
        {
            var (id, label, config) = Parts(item, context);
            if (id is null)
            {
                continue;
            }

            if (Target(id, label, config, item, concurrency, names, lines, context, ref maxTokens))
            {
                active++;
            }
        }

        if (active == 0)
        {
            context.Drop(providers, "no provider could be converted to a target; add one under 'targets:' (any OpenAI-compatible endpoint) before running");
        }

        return (lines, active, maxTokens);
    }

    private static (string? Id, string? Label, YamlMappingNode? Config) Parts(YamlNode item, ImportContext context)
    {
        switch (item)
        {
            case YamlScalarNode { Value: { } id }:
                return (id, null, null);
            case YamlMappingNode map when Get(map, "id") is YamlScalarNode { Value: { } id }:
                foreach (var (key, _) in map.Children)
                {
                    if (key is YamlScalarNode { Value: { } k } && k is not ("id" or "label" or "config"))
                    {
                        if (k is "transform" or "delay" or "prompts")
                        {
                            // A transform rewrites the output every assertion sees; 'prompts' limits which prompts run.
                            context.Drop(key, k == "transform" ? "the provider's transform is refused: it runs JavaScript on the output, and suites run no code" : $"provider key '{k}' is not converted");
                        }
                        else
                        {
                            context.Warn(key, $"provider key '{k}' is not converted");
                        }
                    }
                }

                return (id, (Get(map, "label") as YamlScalarNode)?.Value, Get(map, "config") as YamlMappingNode);
            case YamlMappingNode { Children.Count: 1 } map when map.Children.First().Key is YamlScalarNode { Value: { } id }:
                // The map form: { "openai:gpt-4o": { config: {...}, label: ... } }.
                var body = map.Children.First().Value as YamlMappingNode;
                return (id, body is null ? null : (Get(body, "label") as YamlScalarNode)?.Value, body is null ? null : Get(body, "config") as YamlMappingNode);
            default:
                context.Drop(item, "a provider must be a string or a mapping with 'id'; it was not converted");
                return (null, null, null);
        }
    }

    private static bool Target(string id, string? label, YamlMappingNode? config, YamlNode node, int? concurrency, HashSet<string> names, List<string> lines, ImportContext context, ref int? maxTokens)
    {
        var parts = id.Split(':', 3);
        if (AppProviderConverter.TryConvert(
            id,
            () => ImportContext.Unique(ImportContext.Slug(label ?? AppName(id)), names),
            config,
            node,
            lines,
            context))
        {
            return !lines[^1].StartsWith("  # TODO", StringComparison.Ordinal);
        }

        var (vendorUrl, vendorKey) = parts[0] switch
        {
            "ollama" => (OllamaUrl, null),
            "anthropic" => (AnthropicUrl, "ANTHROPIC_API_KEY"),
            _ => ((string?)null, (string?)null),
        };
        var model = parts switch
        {
            ["ollama", var mode, var rest] when OllamaModes.Contains(mode) => rest,
            ["ollama", var m] when !NonChatModes.Contains(m) => m,
            // A model tag such as llama3:8b.
            ["ollama", var m, var rest] when !OllamaModes.Contains(m) && !NonChatModes.Contains(m) => $"{m}:{rest}",
            ["anthropic", "messages", var rest] => rest,
            ["anthropic", var m] when m is not ("messages" or "completion") => m,
            ["openai", var mode, var rest] when OpenAiModes.Contains(mode) => rest,
            ["openai", var m] when !OpenAiModes.Contains(m) && !NonChatModes.Contains(m) => m,
            ["openai", var m, var rest] when !OpenAiModes.Contains(m) && !NonChatModes.Contains(m) => $"{m}:{rest}", // fine-tuned ids contain colons
            _ => null,
        };
        var name = ImportContext.Unique(ImportContext.Slug(label ?? model ?? parts[^1]), names);
        if (model is null)
        {
            var why = CodeProviders.Contains(parts[0]) || id.StartsWith("file://", StringComparison.Ordinal)
                ? "it runs code, and suites run no code"
                : "CiGate calls OpenAI-compatible endpoints only (point base_url at one that serves this model)";
            context.Drop(node, $"provider '{id}' has no CiGate equivalent: it is written as a commented TODO target; {why}");
            lines.Add($"  # TODO(cigate import): provider '{id}' is not converted; CiGate calls OpenAI-compatible endpoints only.");
            lines.Add($"  # {YamlEmitter.Text(name)}:");
            lines.Add($"  #   base_url: https://example.invalid/v1   # an OpenAI-compatible endpoint serving {parts[^1]}");
            lines.Add($"  #   model: {YamlEmitter.Text(parts[^1])}");
            return false;
        }

        if (parts is [_, "responses", _])
        {
            context.Warn(node, $"provider '{id}' uses OpenAI's Responses API; CiGate calls the chat completions API for it");
        }

        if (parts[0] == "anthropic")
        {
            context.Warn(node, $"provider '{id}' is called through Anthropic's OpenAI SDK compatibility endpoint "
                + $"({AnthropicUrl}), which Anthropic documents for testing and comparing; some features differ");
        }

        var target = new List<string> { $"  {YamlEmitter.Text(name)}:" };
        var baseUrl = vendorUrl ?? OpenAiUrl;
        string? apiKeyEnv = vendorUrl is null ? "OPENAI_API_KEY" : vendorKey;
        var extra = new List<string>();
        foreach (var (keyNode, value) in config?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var text = (value as YamlScalarNode)?.Value;
            switch (key)
            {
                case "apiBaseUrl" when text is not null:
                    baseUrl = text;
                    break;
                case "apiHost" when text is not null:
                    baseUrl = $"https://{text.TrimEnd('/')}/v1";
                    break;
                case "apiKeyEnvar" when text is not null:
                    apiKeyEnv = text;
                    break;
                case "temperature" or "seed" when value is YamlScalarNode scalar:
                    extra.Add($"    {key}: {YamlEmitter.Scalar(scalar)}");
                    break;
                case "max_tokens" or "max_completion_tokens" when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var tokens):
                    if (maxTokens is { } previous && previous != tokens)
                    {
                        context.Warn(value, $"providers set different max_tokens ({previous}, {tokens}); CiGate sets max_tokens per suite, so the largest is used");
                    }

                    maxTokens = Math.Max(maxTokens ?? 0, tokens);
                    break;
                default:
                    context.Warn(keyNode, $"provider config '{key}' is not converted (CiGate targets take base_url, model, api_key_env, temperature, seed, headers)");
                    break;
            }
        }

        target.Add($"    base_url: {YamlEmitter.Text(baseUrl)}");
        target.Add($"    model: {YamlEmitter.Text(model)}");
        if (parts is [_, "completion", _])
        {
            target.Add("    api: completions");
        }

        if (apiKeyEnv is not null)
        {
            target.Add($"    api_key_env: {YamlEmitter.Text(apiKeyEnv)}");
        }
        target.AddRange(extra);
        if (concurrency is { } c)
        {
            target.Add($"    concurrency: {c}");
        }

        lines.AddRange(target);
        return true;
    }

    /// <summary>An app provider's target name: the script's file name, the URL's host, the command's last word.</summary>
    private static string AppName(string id)
    {
        if (Uri.TryCreate(id, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri.Host;
        }

        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var rest = colon >= 0 ? id[(colon + 1)..] : id;
        var word = rest.TrimStart('/').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .LastOrDefault(w => !w.StartsWith('-')) ?? id;
        return Path.GetFileNameWithoutExtension(word.Split(':')[0]) is { Length: > 0 } file ? file : id;
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
