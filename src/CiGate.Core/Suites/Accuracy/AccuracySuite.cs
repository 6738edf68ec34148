using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Suites.Shared;

namespace CiGate.Core.Suites.Accuracy;

/// <summary>A benchmark-style suite: dataset items, a prompt, extraction filters, exact match.</summary>
public sealed record AccuracySuite(
    string Name,
    IReadOnlyList<string> Targets,
    string? Preset,
    DatasetSpec Dataset,
    PromptSpec Prompt,
    GenerationSpec Generation,
    ScoringSpec Scoring)
    : SuiteDefinition(Name, "accuracy", Targets)
{
    public const string KindName = "accuracy";

    /// <summary>Hash of everything that shapes a request, so runs are only paired when prompts match.</summary>
    public string PromptTemplateHash => Hashing.Sha256Hex(DescribePrompt().ToJsonString());

    public override JsonObject Describe() => new()
    {
        ["kind"] = Kind,
        ["preset"] = Preset,
        ["dataset"] = new JsonObject
        {
            // File name only: the absolute path differs per checkout, and the content hash is recorded separately.
            ["path"] = System.IO.Path.GetFileName(Dataset.Path),
            ["format"] = Dataset.Format.ToString().ToLowerInvariant(),
            ["id"] = Dataset.IdField,
            ["fields"] = ToJson(Dataset.Fields),
            ["filter"] = new JsonObject(Dataset.Filter.OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => KeyValuePair.Create(f.Key, (JsonNode?)new JsonArray([.. f.Value.Select(v => JsonValue.Create(v))])))),
            ["limit"] = Dataset.Limit,
            ["sample"] = Dataset.Sample.ToString().ToLowerInvariant(),
            ["seed"] = Dataset.Seed,
        },
        ["prompt"] = DescribePrompt(),
        ["generation"] = new JsonObject
        {
            ["max_tokens"] = Generation.MaxTokens,
            ["stop"] = new JsonArray([.. Generation.Stop.Select(s => JsonValue.Create(s))]),
            ["temperature"] = Generation.Temperature,
            ["repeats"] = Generation.Repeats,
        },
        ["scoring"] = new JsonObject
        {
            ["reference"] = Scoring.Reference.Source,
            ["group_by"] = Scoring.GroupBy,
            ["filters"] = new JsonArray([.. Scoring.Filters.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["strip"] = new JsonArray([.. f.Strip.Select(s => JsonValue.Create(s))]),
                ["cascade"] = new JsonArray([.. f.Cascade.Select(s => (JsonNode)new JsonObject
                {
                    ["pattern"] = s.Pattern.ToString(),
                    ["options"] = s.Pattern.Options.ToString(),
                    ["select"] = s.Select.ToString().ToLowerInvariant(),
                    ["group"] = s.Group,
                })]),
                ["fallback"] = f.Fallback,
            })]),
            ["exact_match"] = new JsonObject
            {
                ["ignore_case"] = Scoring.ExactMatch.IgnoreCase,
                ["ignore_punctuation"] = Scoring.ExactMatch.IgnorePunctuation,
                ["regexes_to_ignore"] = new JsonArray([.. (Scoring.ExactMatch.RegexesToIgnore ?? []).Select(r => JsonValue.Create(r.ToString()))]),
                ["numeric"] = Scoring.ExactMatch.Numeric,
            },
        },
    };

    private JsonObject DescribePrompt() => new()
    {
        ["api"] = Prompt.Api?.ToString().ToLowerInvariant(),
        ["system"] = Prompt.System?.Source,
        ["description"] = Prompt.Description?.Source,
        ["template"] = Prompt.Template.Source,
        ["target_delimiter"] = Prompt.TargetDelimiter,
        ["fewshot_delimiter"] = Prompt.FewShotDelimiter,
        ["fewshot"] = Prompt.FewShot is not { } shots ? null : new JsonObject
        {
            ["n"] = shots.Count,
            ["path"] = shots.Path is null ? null : System.IO.Path.GetFileName(shots.Path),
            ["sample"] = shots.Sample.ToString().ToLowerInvariant(),
            ["seed"] = shots.Seed,
            ["target"] = shots.Target.Source,
        },
    };

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> map) =>
        new(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
