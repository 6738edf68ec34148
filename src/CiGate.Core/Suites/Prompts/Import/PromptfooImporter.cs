using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>
/// Converts the common subset of a promptfoo config (promptfooconfig.yaml) into a CiGate config
/// with one <c>kind: prompts</c> suite. Whatever it cannot convert is reported as a warning and
/// left in the output as a TODO comment: nothing is dropped silently.
/// </summary>
public static class PromptfooImporter
{
    private static readonly string[] Converted = ["description", "prompts", "providers", "targets", "tests", "defaultTest", "evaluateOptions"];

    // Keys that change where results go or how they are shown, not what is tested.
    private static readonly string[] Harmless = ["outputPath", "sharing", "writeLatestResults", "env", "tags", "metadata", "$schema", "commandLineOptions", "derivedMetrics"];

    /// <param name="promptfooPath">The promptfoo config to read.</param>
    /// <param name="outputPath">Where the CiGate config will be written: relative paths are rewritten against its folder.</param>
    /// <param name="suiteName">The suite's name; default: the slug of the promptfoo description, or "prompts".</param>
    public static ImportResult Convert(string promptfooPath, string outputPath, string? suiteName = null)
    {
        var source = Path.GetFullPath(promptfooPath);
        if (!File.Exists(source))
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.ConfigNotFound, "promptfoo config not found", source));
        }

        var diagnostics = new DiagnosticBag();
        if (YamlContext.Parse(File.ReadAllText(source), source, diagnostics) is not { } map || diagnostics.HasErrors)
        {
            diagnostics.ThrowIfAny();
            throw new CiGateException(new Diagnostic(DiagnosticCodes.WrongType, "a promptfoo config must be a mapping (description, prompts, providers, tests, ...)", source, 1, 1));
        }

        var context = new ImportContext(source, Path.GetFullPath(outputPath));
        foreach (var (key, _) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } keyName } && !Converted.Contains(keyName))
            {
                if (Harmless.Contains(keyName))
                {
                    context.Warn(key, $"'{keyName}' is not converted ({Hint(keyName)})");
                }
                else
                {
                    context.Drop(key, $"'{keyName}' is not converted ({Hint(keyName)})");
                }
            }
        }

        var description = (Get(map, "description") as YamlScalarNode)?.Value;
        var (repeats, concurrency) = EvaluateOptions(Get(map, "evaluateOptions"), context);
        var (targets, _, maxTokens) = ProviderConverter.Convert(Get(map, "providers") ?? Get(map, "targets"), concurrency, context);
        context.ModeratorTarget = targets.Any(l => l == "  moderator:") ? "cigate-moderator" : "moderator";
        var (prompts, _) = PromptConverter.Convert(Get(map, "prompts"), context);
        var tests = TestConverter.Convert(Get(map, "defaultTest"), Get(map, "tests"), context);
        var name = suiteName ?? (description is null ? "prompts" : ImportContext.Slug(description));

        var lines = new List<string>
        {
            $"# converted from {Path.GetRelativePath(context.OutputDirectory, source).Replace('\\', '/')} by cigate import",
        };
        if (description is not null)
        {
            lines.Add($"# {description.ReplaceLineEndings(" ")}");
        }

        var dropped = context.Warnings.Where(w => w.Dropped).ToList();
        if (dropped.Count > 0)
        {
            lines.Add($"# DROPPED: {dropped.Count} thing(s) the promptfoo config tests and this file does not (written with --allow-partial):");
            lines.AddRange(dropped.Select(w => $"#   {Place(w, source)}: {w.Message.ReplaceLineEndings(" ")}"));
        }

        var notes = context.Warnings.Where(w => !w.Dropped).ToList();
        if (notes.Count > 0)
        {
            lines.Add($"# {notes.Count} other thing(s) were not converted as they were (they do not change what is tested):");
            lines.AddRange(notes.Select(w => $"#   {Place(w, source)}: {w.Message.ReplaceLineEndings(" ")}"));
        }

        lines.Add("version: 1");
        lines.Add("");
        lines.Add(targets.Any(l => !l.TrimStart().StartsWith('#')) ? "targets:" : "targets: {}");
        lines.AddRange(targets);
        var grader = targets.Any(l => l == "  grader:") ? "cigate-grader" : "grader";
        if (context.NeedsGrader)
        {
            lines.Add($"  # The judge (llm-rubric, factuality) and embedder (similar); promptfoo's default grader is an OpenAI model too.");
            lines.Add($"  {grader}:");
            lines.Add("    base_url: https://api.openai.com/v1");
            lines.Add("    model: gpt-4.1");
            lines.Add("    embedding_model: text-embedding-3-large");
            lines.Add("    api_key_env: OPENAI_API_KEY");
            lines.Add("    role: grader");
        }

        if (context.NeedsModerator)
        {
            // promptfoo's openai:moderation provider; an assertion's value.model overrides the model.
            lines.Add("  # The moderations endpoint for moderation assertions (provider: endpoint).");
            lines.Add($"  {context.ModeratorTarget}:");
            lines.Add("    base_url: https://api.openai.com/v1");
            lines.Add("    model: omni-moderation-latest");
            lines.Add("    api_key_env: OPENAI_API_KEY");
            lines.Add("    role: grader");
        }

        lines.Add("");
        lines.Add("suites:");
        lines.Add($"  {YamlEmitter.Text(name)}:");
        lines.Add("    kind: prompts");
        if (context.NeedsGrader && context.NeedsModerator)
        {
            // Two grader targets: name the suite's, which assertions without their own use.
            lines.Add($"    grader: {grader}");
        }

        lines.Add(prompts.Any(l => !l.TrimStart().StartsWith('#')) ? "    prompts:" : "    prompts: []");
        lines.AddRange(prompts);
        lines.AddRange(tests);
        var generation = new List<string>();
        if (maxTokens is { } tokens)
        {
            generation.Add($"max_tokens: {tokens}");
        }

        if (repeats is { } r)
        {
            generation.Add($"repeats: {r}");
        }

        if (generation.Count > 0)
        {
            lines.Add($"    generation: {{ {string.Join(", ", generation)} }}");
        }

        return new ImportResult(string.Join('\n', lines) + "\n", context.Warnings)
        {
            Files = context.Shims.ToDictionary(
                shim => $"{AppProviderConverter.ShimFolder}/{shim}",
                shim => Shim(shim),
                StringComparer.Ordinal),
        };
    }

    private static string Place(ImportWarning warning, string source)
    {
        var file = warning.File == source ? "" : $"{Path.GetFileName(warning.File)} ";
        return warning.Line > 0 ? $"{file}line {warning.Line}" : file.Length > 0 ? file.TrimEnd() : "config";
    }

    private static (int? Repeats, int? Concurrency) EvaluateOptions(YamlNode? node, ImportContext context)
    {
        if (node is not YamlMappingNode map)
        {
            return (null, null);
        }

        int? repeats = null;
        int? concurrency = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            var number = int.TryParse((value as YamlScalarNode)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
            if (key == "repeat" && number is not null)
            {
                repeats = number;
            }
            else if (key == "maxConcurrency" && number is not null)
            {
                concurrency = number;
            }
            else
            {
                context.Warn(keyNode, $"evaluateOptions.{key} is not converted (CiGate takes repeat as generation.repeats and maxConcurrency as each target's concurrency)");
            }
        }

        return (repeats, concurrency);
    }

    private static string Hint(string key) => key switch
    {
        "outputPath" => "cigate run writes results to --out, default .cigate/results",
        "extensions" or "nunjucksFilters" or "transform" => "suites run no code",
        "scenarios" => "write each scenario's vars as test cases",
        "env" => "set environment variables in the CI job; targets name their key with api_key_env",
        "sharing" or "writeLatestResults" => "results stay in files; cigate compare and the PR comment share them",
        _ => "CiGate has no equivalent key",
    };

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A shim's text, embedded from shims/promptfoo at build time.</summary>
    private static string Shim(string name)
    {
        using var stream = typeof(PromptfooImporter).Assembly.GetManifestResourceStream($"shims/{name}")
            ?? throw new InvalidOperationException($"shim '{name}' is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
