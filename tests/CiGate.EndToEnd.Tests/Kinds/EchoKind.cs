using System.Diagnostics;
using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites;
using CiGate.Core.Suites.Shared;
using CiGate.Core.Targets;

namespace CiGate.EndToEnd.Tests.Kinds;

// docs/architecture.md ("Add a suite kind") shows this file; EchoKindTests keeps the two equal.
// begin: echo kind

/// <summary>`kind: echo`: asks the target to repeat each word; an item passes when the reply is not empty.</summary>
internal sealed class EchoKind : ISuiteKind
{
    public const string KindName = "echo";

    public string Name => KindName;

    public SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory)
    {
        var words = map.Strings("words");
        var generation = GenerationReader.Read(map.Map("generation"), 64, GenerationKeys.MaxTokens);
        map.Finish();
        return words is { Count: > 0 } ? new EchoSuite(header.Name, header.Targets, words, generation.MaxTokens) : null;
    }

    public IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context) =>
        [.. suite.Targets.Select(t => new EchoPlan((EchoSuite)suite, context.Target(t)))];
}

/// <summary>An echo suite's settings; <see cref="Describe"/> is hashed to pair base and head runs.</summary>
internal sealed record EchoSuite(string Name, IReadOnlyList<string> Targets, IReadOnlyList<string> Words, int MaxTokens)
    : SuiteDefinition(Name, EchoKind.KindName, Targets)
{
    public override JsonObject Describe() => new()
    {
        ["kind"] = Kind,
        ["words"] = new JsonArray([.. Words.Select(w => JsonValue.Create(w))]),
        ["generation"] = new JsonObject { ["max_tokens"] = MaxTokens },
    };
}

/// <summary>One echo suite on one target: one item per word, scheduled by the runner.</summary>
internal sealed class EchoPlan(EchoSuite suite, TargetDefinition target) : IItemPlan
{
    public const string Metric = "answered";

    public SuiteDefinition Suite => suite;

    public TargetDefinition Target => target;

    public int ItemCount => suite.Words.Count;

    public int Repeats => 1;

    public DatasetInfo? Dataset => null;

    public string? PromptTemplateHash => null;

    public string ItemId(int index) => suite.Words[index];

    public void Preview() => Request(0);

    public async Task<ItemRecord> ExecuteAsync(int index, int repeat, TargetClients clients, CancellationToken ct)
    {
        var request = Request(index);
        var record = new ItemRecord
        {
            Suite = suite.Name,
            Target = target.Name,
            Item = ItemId(index),
            Repeat = repeat,
            PromptHash = PromptHash.Of(request),
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await clients.For(target.Name).CompleteAsync(request, ct);
            var score = response.Text.Trim().Length > 0 ? 1.0 : 0.0;
            var scores = new Dictionary<string, double> { [Metric] = score };
            return record.WithResponse(response, new Dictionary<string, string>(), scores);
        }
        catch (TargetException ex)
        {
            return record.WithFailure(ex, Stopwatch.GetElapsedTime(started));
        }
    }

    public SuiteResult Summarize(IReadOnlyList<ItemRecord> records, string? folder)
    {
        var scores = records.Where(r => r.Error is null).Select(r => r.Scores[Metric]).ToArray();
        var metrics = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        if (scores.Length > 0)
        {
            var mean = Aggregate.Mean(scores);
            metrics[Metric] = new MetricSummary(Math.Round(mean.Mean, 6), Math.Round(mean.StdErr, 6), mean.N);
        }

        var (completed, errored, cached) = RecordStats.Count(records);
        var missing = ItemCount - completed - errored;
        var invalid = new Dictionary<string, int>();
        var counts = new ResultCounts(ItemCount, 1, ItemCount, completed, errored, missing, cached, invalid);
        var served = RecordStats.ServedModels(records);
        return new SuiteResult(
            suite.Name, suite.Kind, target.Name, target.Config.Model, served, suite.DefinitionHash, null, null,
            counts, metrics, null, null, null, RecordStats.Usage(records), suite.Describe(), suite.Gate);
    }

    private ModelRequest Request(int index)
    {
        ChatMessage[] messages = [new ChatMessage("user", $"Repeat the word: {suite.Words[index]}")];
        return new(TargetApi.Chat, messages, null, suite.MaxTokens, [], 0, null) { ItemId = ItemId(index) };
    }
}

// end: echo kind
