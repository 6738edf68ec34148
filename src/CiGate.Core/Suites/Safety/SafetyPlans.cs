using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Running;
using CiGate.Core.Suites.Safety.Agreement;

namespace CiGate.Core.Suites.Safety;

/// <summary>Expands a safety suite into one plan per target (PlanBuilder's hook for this kind).</summary>
internal static class SafetyPlans
{
    public static IEnumerable<ISuitePlan> Build(SafetySuite suite, CiGateConfig config, int? limit)
    {
        var spec = limit is { } n ? suite.Dataset with { Limit = Math.Min(n, suite.Dataset.Limit ?? n) } : suite.Dataset;
        var required = suite.TypeField is { } type ? new[] { suite.LabelField, type } : [suite.LabelField];
        var dataset = DatasetLoader.Load(spec, required);
        var labels = suite.LabelsPath is { } path ? LabelledFile.Load(path) : [];
        var grader = suite.GraderTargets.Count > 0 ? config.Target(suite.GraderTargets[0]) : null;
        var limited = suite with { Dataset = spec };
        return [.. suite.Targets.Select(t => (ISuitePlan)new SafetyPlan(limited, config.Target(t), dataset, labels, grader))];
    }
}
