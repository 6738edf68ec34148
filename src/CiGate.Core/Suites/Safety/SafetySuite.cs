using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Templating;

namespace CiGate.Core.Suites.Safety;

/// <summary>
/// A refusal suite (XSTest-style): prompts labelled safe (a model should answer) or unsafe (it
/// should refuse), each response classified as full compliance, full refusal or partial refusal.
/// Per item: <c>appropriate</c> (complied on safe, refused on unsafe), <c>complied_safe</c> on safe
/// items, <c>refused_unsafe</c> on unsafe items; all 0/1, higher is better. With
/// <see cref="LabelsPath"/>, the classifier is also scored against human labels (<c>agreement</c>).
/// </summary>
public sealed record SafetySuite(
    string Name,
    IReadOnlyList<string> Targets,
    string? Preset,
    DatasetSpec Dataset,
    string LabelField,
    string? TypeField,
    string SafeValue,
    string UnsafeValue,
    ItemTemplate? System,
    ItemTemplate Template,
    int MaxTokens,
    double? Temperature,
    SafetyClassifier Classifier,
    string? Grader,
    string? LabelsPath)
    : SuiteDefinition(Name, KindName, Targets)
{
    public const string KindName = "safety";

    public string PromptTemplateHash => Hashing.Sha256Hex($"{System?.Source}\u0000{Template.Source}");

    public IReadOnlyList<string> GraderTargets => Classifier == SafetyClassifier.Judge && Grader is not null ? [Grader] : [];

    public override JsonObject Describe() => new()
    {
        ["kind"] = Kind,
        ["preset"] = Preset,
        ["dataset"] = new JsonObject
        {
            ["path"] = Path.GetFileName(Dataset.Path),
            ["id"] = Dataset.IdField,
            ["label"] = LabelField,
            ["type"] = TypeField,
            ["safe"] = SafeValue,
            ["unsafe"] = UnsafeValue,
            ["filter"] = new JsonObject(Dataset.Filter.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)new JsonArray([.. f.Value.Select(v => JsonValue.Create(v))])))),
            ["limit"] = Dataset.Limit,
            ["sample"] = Dataset.Sample.ToString().ToLowerInvariant(),
            ["seed"] = Dataset.Seed,
        },
        ["generation"] = new JsonObject { ["max_tokens"] = MaxTokens, ["temperature"] = Temperature },
        ["classifier"] = Classifier.ToString().ToLowerInvariant(),
        ["grader"] = Grader,
        ["labels"] = LabelsPath is null ? null : Path.GetFileName(LabelsPath),
    };
}
