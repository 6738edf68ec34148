using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Perf.Server;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Perf;

/// <summary>`workload: { prompt_tokens, output_tokens, prefix_tokens, tokenizer, dataset, ignore_eos, continuous_usage, api, seed }`.</summary>
internal static class WorkloadReader
{
    public static readonly string[] Tokenizers = ["cl100k_base", "o200k_base", "words", ServerPromptFitter.TokenizerName];

    public static WorkloadSpec? Read(MapReader? map, MapReader suite, string baseDirectory)
    {
        if (map is null)
        {
            suite.Context.Report(DiagnosticCodes.MissingKey, suite.Node, $"'{suite.Section}' needs 'workload:' (e.g. {{ prompt_tokens: 256, output_tokens: 128 }})");
            return null;
        }

        var prompt = ReadLength(map, "prompt_tokens", 256);
        var output = ReadLength(map, "output_tokens", 128);
        var prefix = map.Int("prefix_tokens", 0, 1_000_000) ?? 0;
        var tokenizer = map.String("tokenizer") ?? "cl100k_base";
        if (!Tokenizers.Contains(tokenizer))
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("tokenizer")!, $"'{map.Section}.tokenizer' must be one of {string.Join(", ", Tokenizers)}, not '{tokenizer}'");
        }

        string? datasetPath = null;
        var field = "prompt";
        if (map.Map("dataset") is { } dataset)
        {
            var path = dataset.String("path", required: true);
            field = dataset.String("field") ?? field;
            dataset.Finish();
            if (path is not null)
            {
                datasetPath = Path.GetFullPath(Path.Combine(baseDirectory, path));
                if (!File.Exists(datasetPath))
                {
                    map.Context.Report(DiagnosticCodes.DatasetNotFound, map.Get("dataset")!, $"perf prompts file not found: {datasetPath}");
                }
            }
        }

        var api = map.Choice("api", new Dictionary<string, Targets.TargetApi>(StringComparer.Ordinal) { ["chat"] = Targets.TargetApi.Chat, ["completions"] = Targets.TargetApi.Completions });
        var spec = new WorkloadSpec(
            prompt ?? LengthSpec.Fixed(256),
            output ?? LengthSpec.Fixed(128),
            prefix,
            tokenizer,
            datasetPath,
            field,
            map.Bool("ignore_eos") ?? true,
            map.Bool("continuous_usage") ?? false,
            api,
            map.Int("seed") ?? 1234);
        map.Finish();
        return spec;
    }

    /// <summary>A number, or `{ distribution: uniform|normal, mean, stdev, min, max }`.</summary>
    private static LengthSpec? ReadLength(MapReader map, string key, int fallback)
    {
        var node = map.Get(key);
        if (node is null)
        {
            return LengthSpec.Fixed(fallback);
        }

        if (node is YamlScalarNode)
        {
            return map.Int(key, 1, 1_000_000) is { } n ? LengthSpec.Fixed(n) : null;
        }

        var spec = map.Map(key);
        if (spec is null)
        {
            return null;
        }

        var distribution = spec.Choice("distribution", new Dictionary<string, LengthDistribution>(StringComparer.Ordinal)
        {
            ["fixed"] = LengthDistribution.Fixed,
            ["uniform"] = LengthDistribution.Uniform,
            ["normal"] = LengthDistribution.Normal,
        }) ?? LengthDistribution.Normal;
        var min = spec.Int("min", 1, 1_000_000);
        var max = spec.Int("max", 1, 1_000_000);
        var mean = spec.Int("mean", 1, 1_000_000) ?? (min is { } lo && max is { } hi ? (lo + hi) / 2 : fallback);
        var stdev = spec.Double("stdev", 0, 1_000_000) ?? 0;
        spec.Finish();
        var result = new LengthSpec(distribution, mean, stdev, min ?? 1, max ?? Math.Max(mean * 4, 1));
        if (result.Min > result.Max)
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, node, $"'{map.Section}.{key}': min ({result.Min}) is larger than max ({result.Max})");
            return null;
        }

        return distribution == LengthDistribution.Fixed ? LengthSpec.Fixed(mean) : result;
    }
}
