using CiGate.Core.Config;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Prompts;

/// <summary>Prompt suites: test cases with assertions (promptfoo style); the prompt is under test.</summary>
internal sealed class PromptsKind : ISuiteKind
{
    public string Name => PromptsSuite.KindName;

    public bool HasTestCases => true;

    public SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory) =>
        PromptsSuiteReader.Read(header, map, baseDirectory);

    public IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context)
    {
        var prompts = (PromptsSuite)suite;
        var graders = prompts.GraderTargets.Select(context.Target).ToList();
        return [.. suite.Targets.Select(t => new PromptsPlan(prompts, context.Target(t), graders))];
    }

    public ISuitePlan RebuildForMerge(Results.SuiteResult stored, TargetDefinition target, int totalItems) =>
        PromptsSummaryPlan.Rebuild(stored, target);
}
