using CiGate.Core.Config;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Safety;

/// <summary>Safety suites: labelled prompts to refuse or answer, classified responses and rates.</summary>
internal sealed class SafetyKind : ISuiteKind
{
    public string Name => SafetySuite.KindName;

    public SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory) =>
        SafetySuiteReader.Read(header, map, baseDirectory);

    public IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context) =>
        SafetyPlans.Build((SafetySuite)suite, context.Config, context.Limit);

    public ISuitePlan RebuildForMerge(Results.SuiteResult stored, TargetDefinition target, int totalItems) =>
        SafetySummaryPlan.Rebuild(stored, target, totalItems);
}
