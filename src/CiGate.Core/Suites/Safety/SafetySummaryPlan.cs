using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Accuracy;
using CiGate.Core.Templating;

namespace CiGate.Core.Suites.Safety;

/// <summary>
/// A safety plan for summarising only. Its metrics read the records (each carries its label as
/// reference, its type as group and its class), the label and type field names, the safe and
/// unsafe values, the classifier's name and the item count; the dataset is a stand-in of the
/// right size, and the labelled responses are counted among its items, since a summary counts
/// items but never reads them.
/// </summary>
internal static class SafetySummaryPlan
{
    public static ISuitePlan Rebuild(SuiteResult stored, TargetDefinition target, int totalItems)
    {
        var definition = stored.Definition;
        var dataset = definition["dataset"] as JsonObject ?? throw new FormatException("'dataset' is missing");
        var labelField = Text(dataset, "label") ?? throw new FormatException("'dataset.label' is missing");
        var safe = Text(dataset, "safe") ?? throw new FormatException("'dataset.safe' is missing");
        var classifier = Enum.Parse<SafetyClassifier>(Text(definition, "classifier") ?? throw new FormatException("'classifier' is missing"), ignoreCase: true);

        var bag = new DiagnosticBag();
        var placeholder = ItemTemplate.Parse("", RunResults.FileName, 1, 1, false, bag)!;
        var info = stored.Dataset ?? new DatasetInfo(RunResults.FileName, "", totalItems, totalItems);
        var suite = new SafetySuite(
            stored.Suite,
            [target.Name],
            Text(definition, "preset"),
            new DatasetSpec(info.Path, DatasetFormat.Jsonl, null, new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>(), null, SampleMode.First, 0),
            labelField,
            Text(dataset, "type"),
            safe,
            Text(dataset, "unsafe") ?? throw new FormatException("'dataset.unsafe' is missing"),
            null,
            placeholder,
            0,
            null,
            classifier,
            Text(definition, "grader"),
            null);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal) { [labelField] = safe };
        var items = Enumerable.Range(0, totalItems).Select(i => new DatasetItem("", i + 1, fields)).ToList();
        return new SafetyPlan(suite, target, new Dataset(info.Path, info.Sha256, info.Records, items), [], null);
    }

    private static string? Text(JsonObject node, string key) => node[key]?.GetValue<string>();
}
