using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Accuracy;

/// <summary>Accuracy suites: a dataset, a prompt template and scoring (lm-eval style), one plan per target.</summary>
internal sealed class AccuracyKind : ISuiteKind
{
    public string Name => AccuracySuite.KindName;

    public SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory) =>
        AccuracySuiteReader.Read(header, map, baseDirectory);

    public IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context)
    {
        var accuracy = (AccuracySuite)suite;
        var spec = context.Limited(accuracy.Dataset);
        var required = accuracy.Scoring.GroupBy is { } g ? new[] { g } : [];
        var dataset = context.Load(spec, required);
        var pool = FewShotPool(context, accuracy, spec, dataset);
        var limited = accuracy with { Dataset = spec };
        return [.. suite.Targets.Select(t => new AccuracyPlan(limited, context.Target(t), dataset, pool))];
    }

    public IEnumerable<SimulatorKey> SimulatorKeys(SuiteDefinition suite)
    {
        var accuracy = (AccuracySuite)suite;
        var question = accuracy.Dataset.Fields.GetValueOrDefault("question", "question");
        var answer = accuracy.Dataset.Fields.GetValueOrDefault("answer", "answer");
        var kind = accuracy.Preset == "gsm8k" ? SimulatorKeyKind.Gsm8kAnswers : SimulatorKeyKind.Answers;
        return [new SimulatorKey(kind, accuracy.Dataset.Path, question, answer)];
    }

    public ISuitePlan RebuildForMerge(Results.SuiteResult stored, TargetDefinition target, int totalItems) =>
        AccuracySummaryPlan.Rebuild(stored, target, totalItems);

    private static IReadOnlyList<DatasetItem> FewShotPool(
        PlanContext context, AccuracySuite suite, DatasetSpec spec, Dataset dataset)
    {
        if (suite.Prompt.FewShot is not { } shots)
        {
            return [];
        }

        if (shots.Path is null)
        {
            // Shots from the suite's own items (minus the item itself): the whole filtered set,
            // not just the limited subset.
            return context.Load(spec with { Limit = null }, []).Items;
        }

        var csv = shots.Path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var format = csv ? DatasetFormat.Csv : DatasetFormat.Jsonl;
        var shotSpec = spec with
        {
            Path = shots.Path,
            Filter = new Dictionary<string, IReadOnlyList<string>>(),
            Limit = null,
            IdField = null,
            Format = format,
        };
        return context.Load(shotSpec, []).Items;
    }
}
