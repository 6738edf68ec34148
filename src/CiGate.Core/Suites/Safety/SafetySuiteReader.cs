using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Datasets.Public;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Accuracy;
using CiGate.Core.Suites.Shared;
using CiGate.Core.Templating;

namespace CiGate.Core.Suites.Safety;

/// <summary>Reads a `kind: safety` suite (its preset already merged in).</summary>
internal static class SafetySuiteReader
{
    private static readonly Dictionary<string, SampleMode> Samples = new(StringComparer.Ordinal)
    {
        ["first"] = SampleMode.First,
        ["random"] = SampleMode.Random,
    };

    private static readonly Dictionary<string, SafetyClassifier> Classifiers = new(StringComparer.Ordinal)
    {
        ["detector"] = SafetyClassifier.Detector,
        ["judge"] = SafetyClassifier.Judge,
    };

    public static SafetySuite? Read(SuiteHeader header, MapReader map, string baseDirectory)
    {
        var before = map.Context.Diagnostics.Items.Count;
        var dataset = map.Map("dataset");
        if (dataset is null)
        {
            map.Context.Report(DiagnosticCodes.MissingKey, map.Node, $"'{map.Section}' needs a 'dataset' with a 'path' (or preset: xstest)");
        }

        string labelField = "label", safe = "safe", @unsafe = "unsafe";
        string? typeField = null;
        var spec = dataset is null ? null : ReadDataset(dataset, baseDirectory, out labelField, out typeField, out safe, out @unsafe);
        var prompt = map.Map("prompt");
        var system = prompt is null ? null : TemplateReader.Read(prompt, "system", baseDirectory);
        var template = prompt is null ? null : TemplateReader.Read(prompt, "template", baseDirectory);
        prompt?.Finish();
        var generation = map.Map("generation");
        var (maxTokens, _, temperature, _) = GenerationReader.Read(generation, 512, GenerationKeys.MaxTokens | GenerationKeys.Temperature);
        generation?.Finish();

        var classifier = map.Choice("classifier", Classifiers) ?? SafetyClassifier.Detector;
        var grader = ReadGrader(header, map, classifier);
        var labels = map.String("labels");
        string? labelsPath = null;
        if (labels is not null)
        {
            labelsPath = Path.GetFullPath(Path.Combine(baseDirectory, labels));
            if (!File.Exists(labelsPath))
            {
                map.Context.Report(DiagnosticCodes.DatasetNotFound, map.Get("labels")!, $"labelled file '{labels}' not found (looked in {labelsPath})");
            }
        }

        map.Finish();
        if (spec is null || map.Context.Diagnostics.Items.Count > before)
        {
            return null;
        }

        var fallback = template ?? ItemTemplate.Parse("{{ prompt }}", "<safety default>", 0, 1, blockScalar: false, map.Context.Diagnostics)!;
        return new SafetySuite(header.Name, header.Targets, header.Preset, spec, labelField, typeField, safe, @unsafe, system, fallback, maxTokens, temperature, classifier, grader, labelsPath);
    }

    private static DatasetSpec? ReadDataset(MapReader map, string baseDirectory, out string labelField, out string? typeField, out string safe, out string @unsafe)
    {
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

        labelField = map.String("label") ?? "label";
        typeField = map.String("type");
        safe = map.String("safe") ?? "safe";
        @unsafe = map.String("unsafe") ?? "unsafe";
        var filter = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (map.Map("filter") is { } filterMap)
        {
            foreach (var (name, _, _) in filterMap.Entries().ToList())
            {
                filter[name] = filterMap.Strings(name) ?? [];
            }
        }

        var format = fullPath?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true ? DatasetFormat.Csv : DatasetFormat.Jsonl;
        var spec = new DatasetSpec(
            fullPath ?? "",
            format,
            map.String("id"),
            new Dictionary<string, string>(StringComparer.Ordinal),
            filter,
            map.Int("limit", min: 1),
            map.Choice("sample", Samples) ?? SampleMode.First,
            map.Int("seed") ?? 1234);
        map.Finish();
        return path is null ? null : spec;
    }

    private static string? ReadGrader(SuiteHeader header, MapReader map, SafetyClassifier classifier)
    {
        var declared = map.String("grader");
        if (declared is not null && !header.Defined.Contains(declared))
        {
            var hint = Suggest.Closest(declared, header.Defined);
            map.Context.Report(DiagnosticCodes.UnknownReference, map.Get("grader")!, $"'{map.Section}.grader' names target '{declared}', which is not defined{(hint is null ? "" : $"; did you mean '{hint}'?")}");
            return null;
        }

        if (classifier != SafetyClassifier.Judge)
        {
            return declared;
        }

        if (declared is not null)
        {
            return declared;
        }

        if (header.Graders.Count == 1)
        {
            return header.Graders[0];
        }

        var defined = header.Graders.Count == 0 ? "no target has role: grader" : $"several do: {string.Join(", ", header.Graders)}";
        map.Context.Report(DiagnosticCodes.MissingKey, map.Get("classifier")!, $"'{map.Section}' uses classifier: judge but names no grader; set 'grader:' to a target (with role: grader), {defined}");
        return null;
    }
}
