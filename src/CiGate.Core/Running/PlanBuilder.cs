using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Accuracy;

namespace CiGate.Core.Running;

/// <summary>Expands a config into one plan per suite × target, loading each dataset once.</summary>
public static class PlanBuilder
{
    public static IReadOnlyList<ISuitePlan> Build(CiGateConfig config, IReadOnlyCollection<string>? onlySuites = null, int? limit = null)
    {
        if (onlySuites is { Count: > 0 })
        {
            var unknown = onlySuites.Where(s => config.Suites.All(d => d.Name != s)).ToList();
            if (unknown.Count > 0)
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.UnknownReference, $"no suite named {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the config has {string.Join(", ", config.Suites.Select(s => s.Name))}", config.SourcePath));
            }
        }

        var datasets = new Dictionary<DatasetSpec, Dataset>();
        var plans = new List<ISuitePlan>();
        var diagnostics = new DiagnosticBag();
        foreach (var suite in config.Suites.Where(s => onlySuites is not { Count: > 0 } || onlySuites.Contains(s.Name)))
        {
            try
            {
                switch (suite)
                {
                    case AccuracySuite accuracy:
                        var spec = limit is { } n ? accuracy.Dataset with { Limit = Math.Min(n, accuracy.Dataset.Limit ?? n) } : accuracy.Dataset;
                        var required = accuracy.Scoring.GroupBy is { } g ? new[] { g } : [];
                        var dataset = Load(datasets, spec, required);
                        var pool = FewShotPool(datasets, accuracy, spec, dataset);
                        plans.AddRange(suite.Targets.Select(t => new AccuracyPlan(accuracy with { Dataset = spec }, config.Target(t), dataset, pool)));
                        break;
                    case Suites.Prompts.PromptsSuite prompts:
                        var graders = prompts.GraderTargets.Select(config.Target).ToList();
                        plans.AddRange(suite.Targets.Select(t => new Suites.Prompts.PromptsPlan(prompts, config.Target(t), graders)));
                        break;
                    case Suites.Perf.PerfSuite perf:
                        plans.AddRange(suite.Targets.Select(t => new Suites.Perf.PerfPlan(perf, config.Target(t))));
                        break;
                    case Suites.Safety.SafetySuite safety:
                        plans.AddRange(Suites.Safety.SafetyPlans.Build(safety, config, limit));
                        break;
                }
            }
            catch (CiGateException ex) when (ex.ExitCode == ExitCodes.UsageOrConfig)
            {
                foreach (var diagnostic in ex.Diagnostics)
                {
                    diagnostics.Add(diagnostic);
                }
            }
        }

        diagnostics.ThrowIfAny();
        return plans;
    }

    private static Dataset Load(Dictionary<DatasetSpec, Dataset> cache, DatasetSpec spec, IEnumerable<string> required)
    {
        if (!cache.TryGetValue(spec, out var dataset))
        {
            cache[spec] = dataset = DatasetLoader.Load(spec, required);
        }

        return dataset;
    }

    private static IReadOnlyList<DatasetItem> FewShotPool(Dictionary<DatasetSpec, Dataset> cache, AccuracySuite suite, DatasetSpec spec, Dataset dataset)
    {
        if (suite.Prompt.FewShot is not { } shots)
        {
            return [];
        }

        if (shots.Path is null)
        {
            // Shots from the suite's own items (minus the item itself): the whole filtered set, not just the limited subset.
            return Load(cache, spec with { Limit = null }, []).Items;
        }

        return Load(cache, spec with { Path = shots.Path, Filter = new Dictionary<string, IReadOnlyList<string>>(), Limit = null, IdField = null, Format = shots.Path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? DatasetFormat.Csv : DatasetFormat.Jsonl }, []).Items;
    }
}
