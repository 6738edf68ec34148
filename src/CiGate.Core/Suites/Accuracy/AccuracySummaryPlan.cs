using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Accuracy.Scoring;
using CiGate.Core.Suites.Shared;
using CiGate.Core.Templating;

namespace CiGate.Core.Suites.Accuracy;

/// <summary>
/// An accuracy plan for summarising only. Its metrics read the filters' names and fallbacks
/// (invalid answers, majority votes), exact-match options (votes), group_by and repeats; the
/// dataset is a stand-in of the right size, because a summary counts items but never reads them.
/// </summary>
internal static class AccuracySummaryPlan
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    public static ISuitePlan Rebuild(SuiteResult stored, TargetDefinition target, int totalItems)
    {
        var definition = stored.Definition;
        var scoring = Object(definition, "scoring");
        var exact = Object(scoring, "exact_match");
        var filters = Array(scoring, "filters")
            .Select(f => new ExtractionFilter(Text(f, "name") ?? throw new FormatException("a filter has no name"), [], [], Text(f, "fallback") ?? ExtractionFilter.Invalid))
            .ToList();
        var exactMatch = new ExactMatchOptions(
            Flag(exact, "ignore_case"),
            Flag(exact, "ignore_punctuation"),
            [.. Array(exact, "regexes_to_ignore").Select(r => new Regex(r!.GetValue<string>(), RegexOptions.CultureInvariant, MatchTimeout))],
            Flag(exact, "numeric"));
        var repeats = Object(definition, "generation")["repeats"]?.GetValue<int>() ?? 1;

        var bag = new DiagnosticBag();
        var placeholder = ItemTemplate.Parse("", RunResults.FileName, 1, 1, false, bag)!;
        var dataset = stored.Dataset ?? new DatasetInfo(RunResults.FileName, "", totalItems, totalItems);
        var suite = new AccuracySuite(
            stored.Suite,
            [target.Name],
            null,
            new DatasetSpec(dataset.Path, DatasetFormat.Jsonl, null, new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>(), null, SampleMode.First, 0),
            new PromptSpec(null, null, null, placeholder, " ", "\n\n", null),
            new GenerationSpec(0, [], null, repeats),
            new ScoringSpec(placeholder, Text(scoring, "group_by"), filters, exactMatch));
        var empty = new Dictionary<string, object?>();
        var items = Enumerable.Range(0, totalItems).Select(i => new DatasetItem("", i + 1, empty)).ToList();
        return new AccuracyPlan(suite, target, new Dataset(dataset.Path, dataset.Sha256, dataset.Records, items), []);
    }

    private static JsonObject Object(JsonObject parent, string key) =>
        parent[key] as JsonObject ?? throw new FormatException($"'{key}' is missing");

    private static IEnumerable<JsonNode?> Array(JsonObject parent, string key) =>
        parent[key] as JsonArray ?? [];

    private static string? Text(JsonNode? node, string key) => node?[key]?.GetValue<string>();

    private static bool Flag(JsonObject node, string key) => node[key]?.GetValue<bool>() ?? false;
}
