using System.Text.Json.Nodes;
using CiGate.Core.History;
using CiGate.Core.Results;

namespace CiGate.History;

/// <summary>One suite run's rows, encoded ahead of the recording transaction.</summary>
internal sealed record SuiteRows(
    SuiteResult Result,
    string[] ScoreKeys,
    string[] ExtractKeys,
    string TextKey,
    string? Decoding,
    IReadOnlyList<ItemRow> Items,
    IReadOnlyList<TextRow> Texts)
{
    public static SuiteRows Build(SuiteResult suite, RunResults run, IReadOnlyList<ItemRecord> items, int outputCharacters)
    {
        var (scoreKeys, extractKeys) = ItemCodec.Keys(items);
        var model = MeasurementIdentity.Of(suite).Model;
        var rows = items.Select(i => ItemCodec.Encode(i, scoreKeys, extractKeys, model, outputCharacters)).ToList();

        // Ordered by item: concurrent recorders then insert shared texts in the same order.
        var texts = items
            .GroupBy(i => i.Item, StringComparer.Ordinal)
            .Select(g => new TextRow(g.Key, g.Select(i => i.Question).FirstOrDefault(q => q is not null), g.Select(i => i.Reference).FirstOrDefault(r => r is not null)))
            .OrderBy(t => t.Item, StringComparer.Ordinal)
            .ToList();
        return new SuiteRows(suite, scoreKeys, extractKeys, TextKeyOf(suite), DecodingOf(suite, run), rows, texts);
    }

    /// <summary>Same as the migration's SQL: definition hash, colon, dataset hash.</summary>
    public static string TextKeyOf(SuiteResult suite) => $"{suite.DefinitionHash}:{suite.Dataset?.Sha256}";

    /// <summary>The decoding parameters that shape answers: the target's temperature and seed, the suite's generation section.</summary>
    private static string? DecodingOf(SuiteResult suite, RunResults run)
    {
        var target = run.Targets.FirstOrDefault(t => t.Name == suite.Target);
        var decoding = new JsonObject
        {
            ["temperature"] = target?.Temperature,
            ["seed"] = target?.Seed,
            ["generation"] = suite.Definition["generation"]?.DeepClone(),
        };
        return decoding.ToJsonString();
    }
}
