using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Datasets.Public;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Shared;
using CiGate.Core.Targets;
using CiGate.Core.Templating;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Accuracy;

/// <summary>Reads an accuracy suite (its preset already merged in) into a validated <see cref="AccuracySuite"/>.</summary>
internal static class AccuracySuiteReader
{
    private static readonly Dictionary<string, SampleMode> Samples = new(StringComparer.Ordinal)
    {
        ["first"] = SampleMode.First,
        ["random"] = SampleMode.Random,
    };

    private static readonly Dictionary<string, TargetApi> Apis = new(StringComparer.Ordinal)
    {
        ["chat"] = TargetApi.Chat,
        ["completions"] = TargetApi.Completions,
    };

    public static AccuracySuite? Read(SuiteHeader header, MapReader map, string baseDirectory)
    {
        var dataset = ReadDataset(map.Map("dataset"), map, baseDirectory);
        var prompt = ReadPrompt(map.Map("prompt"), map, baseDirectory);
        var generation = ReadGeneration(map.Map("generation"));
        var scoring = ScoringReader.Read(map.Map("scoring"), map, baseDirectory);
        map.Finish();
        return dataset is null || prompt is null || scoring is null
            ? null
            : new AccuracySuite(header.Name, header.Targets, header.Preset, dataset, prompt, generation, scoring);
    }

    private static DatasetSpec? ReadDataset(MapReader? map, MapReader suite, string baseDirectory)
    {
        if (map is null)
        {
            suite.Context.Report(DiagnosticCodes.MissingKey, suite.Node, $"'{suite.Section}' needs a 'dataset' with a 'path'");
            return null;
        }

        var path = map.String("path", required: true);
        string? fullPath = null;
        if (path is not null)
        {
            fullPath = Path.GetFullPath(Path.Combine(baseDirectory, path));
            if (!File.Exists(fullPath))
            {
                var hint = PublicDatasets.FetchHint(path);
                map.Context.Report(
                    DiagnosticCodes.DatasetNotFound, map.Get("path")!, $"dataset '{path}' not found (looked in {fullPath}){hint}");
            }
        }

        var formatText = map.String("format") ?? (fullPath?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true ? "csv" : "jsonl");
        DatasetFormat? format = formatText switch { "jsonl" => DatasetFormat.Jsonl, "csv" => DatasetFormat.Csv, _ => null };
        if (format is null)
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("format")!, $"'{map.Section}.format' must be jsonl or csv, not '{formatText}'");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Map("fields") is { } fieldMap)
        {
            foreach (var (name, keyNode, value) in fieldMap.Entries())
            {
                if (value is YamlScalarNode { Value: { } source })
                {
                    fields[name] = source;
                }
                else
                {
                    map.Context.Report(DiagnosticCodes.WrongType, keyNode, $"field mapping '{name}' must name a dataset field");
                }
            }
        }

        var filter = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (map.Map("filter") is { } filterMap)
        {
            foreach (var (name, _, _) in filterMap.Entries().ToList())
            {
                filter[name] = filterMap.Strings(name) ?? [];
            }
        }

        var spec = new DatasetSpec(
            fullPath ?? "",
            format ?? DatasetFormat.Jsonl,
            map.String("id"),
            fields,
            filter,
            map.Int("limit", min: 1),
            map.Choice("sample", Samples) ?? SampleMode.First,
            map.Int("seed") ?? 1234);
        map.Finish();
        return path is null || format is null ? null : spec;
    }

    private static PromptSpec? ReadPrompt(MapReader? map, MapReader suite, string baseDirectory)
    {
        if (map is null)
        {
            suite.Context.Report(DiagnosticCodes.MissingKey, suite.Node, $"'{suite.Section}' needs a 'prompt' with a 'template' (or a preset)");
            return null;
        }

        var api = map.Choice("api", Apis);
        var system = TemplateReader.Read(map, "system", baseDirectory);
        var description = TemplateReader.Read(map, "description", baseDirectory);
        var template = TemplateReader.Read(map, "template", baseDirectory, required: true);
        var targetDelimiter = map.String("target_delimiter") ?? " ";
        var fewShotDelimiter = map.String("fewshot_delimiter") ?? "\n\n";
        var fewShot = ReadFewShot(map.Map("fewshot"), baseDirectory);
        map.Finish();
        return template is null ? null : new PromptSpec(api, system, description, template, targetDelimiter, fewShotDelimiter, fewShot);
    }

    private static FewShotSpec? ReadFewShot(MapReader? map, string baseDirectory)
    {
        if (map is null)
        {
            return null;
        }

        var count = map.Int("n", 0, 64) ?? 0;
        var path = map.String("path");
        string? fullPath = null;
        if (path is not null)
        {
            fullPath = Path.GetFullPath(Path.Combine(baseDirectory, path));
            if (!File.Exists(fullPath))
            {
                map.Context.Report(DiagnosticCodes.DatasetNotFound, map.Get("path")!, $"few-shot file '{path}' not found (looked in {fullPath})");
            }
        }

        var sample = map.Choice("sample", Samples) ?? SampleMode.First;
        var seed = map.Int("seed") ?? 1234;
        var target = TemplateReader.Read(map, "target", baseDirectory, required: count > 0);
        map.Finish();
        return count == 0 || target is null ? null : new FewShotSpec(count, fullPath, sample, seed, target);
    }

    private static GenerationSpec ReadGeneration(MapReader? map)
    {
        var spec = GenerationReader.Read(map, 1024);
        map?.Finish();
        return spec;
    }
}
