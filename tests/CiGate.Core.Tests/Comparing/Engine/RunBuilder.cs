using System.Text.Json.Nodes;
using CiGate.Core.Results;

namespace CiGate.Core.Tests.Comparing.Engine;

/// <summary>Writes small but real results folders (results.json + items.jsonl) for compare tests.</summary>
internal sealed class RunBuilder(string suite = "qa", string target = "t")
{
    private readonly List<ItemRecord> records = [];

    public string DefinitionHash { get; set; } = "def-1";

    public string PromptTemplateHash { get; set; } = "prompt-1";

    public string DatasetSha { get; set; } = "data-1";

    public string Model { get; set; } = "model-a";

    /// <summary>The models the responses named; null: the configured model, as before identities were recorded.</summary>
    public IReadOnlyList<string>? ServedModels { get; set; }

    /// <summary>The identity block results.json records; null writes a folder from before it existed.</summary>
    public ServedIdentity? Identity { get; set; }

    /// <summary>The resolved definition results.json records (empty, as an older cigate wrote none).</summary>
    public JsonObject Definition { get; set; } = [];

    public RunBuilder Item(string id, double score, string? group = null, string promptHash = "p", int repeat = 0, string? error = null, string answer = "A")
    {
        records.Add(new ItemRecord
        {
            Suite = suite,
            Target = target,
            Item = id,
            Repeat = repeat,
            PromptHash = promptHash + id,
            Group = group,
            Reference = "A",
            Output = $"The answer is ({answer}).",
            Extracted = new Dictionary<string, string> { ["f"] = answer },
            Scores = error is null ? new Dictionary<string, double> { ["exact_match,f"] = score } : new Dictionary<string, double>(),
            Error = error,
            ErrorKind = error is null ? null : "RetriesExhausted",
        });
        return this;
    }

    public RunBuilder Items(int count, Func<int, double> score, Func<int, string?>? group = null, string promptHash = "p")
    {
        for (var i = 0; i < count; i++)
        {
            Item($"i{i:D5}", score(i), group?.Invoke(i), promptHash);
        }

        return this;
    }

    public async Task<string> WriteAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await using (var writer = ItemsWriter.Open(Path.Combine(folder, ItemsFile.FileName), 0))
        {
            foreach (var record in records)
            {
                writer.Add(record);
            }
        }

        var completed = records.Count(r => r.Error is null);
        var values = records.Where(r => r.Error is null).Select(r => r.Scores["exact_match,f"]).ToArray();
        var mean = values.Length == 0 ? 0 : values.Average();
        var items = records.Select(r => r.Item).Distinct().Count();
        var suiteResult = new SuiteResult(
            suite, "accuracy", target, Model, ServedModels ?? [Model], DefinitionHash, PromptTemplateHash,
            new DatasetInfo("d.jsonl", DatasetSha, items, items),
            new ResultCounts(items, 1, records.Count, completed, records.Count - completed, 0, 0, new Dictionary<string, int> { ["f"] = 0 }),
            new Dictionary<string, MetricSummary> { ["exact_match,f"] = new(mean, 0.01, values.Length) },
            null, null, null, new UsageSummary(0, 0, 0, 0, 0, 0), (JsonObject)Definition.DeepClone())
        {
            Identity = Identity,
        };
        var results = new RunResults(1, "cigate", "test", Guid.NewGuid().ToString("n"), "complete", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, "cigate.yml", [], [suiteResult]);
        await ResultsJson.WriteAsync(folder, results, CancellationToken.None);
        return folder;
    }
}
