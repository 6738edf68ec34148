using System.Collections.Concurrent;
using CiGate.Core.Config;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Prompts.Grading;

/// <summary>
/// The graders one prompt plan may call, made on first use from the run's clients: an
/// assertion's own `grader:` or else the suite's.
/// </summary>
public sealed class GraderSet
{
    private readonly IReadOnlyDictionary<string, TargetDefinition> targets;
    private readonly string? defaultGrader;
    private readonly ConcurrentDictionary<string, Grader> graders = new(StringComparer.Ordinal);
    private TargetClients? clients;

    internal GraderSet(IReadOnlyDictionary<string, TargetDefinition> targets, string? defaultGrader, SuitePrompt? judgePrompt)
    {
        this.targets = targets;
        this.defaultGrader = defaultGrader;
        JudgePrompt = judgePrompt;
    }

    /// <summary>The suite's replacement for the llm-rubric judge prompt, if any.</summary>
    internal SuitePrompt? JudgePrompt { get; }

    internal GraderSet Bind(TargetClients runClients)
    {
        Interlocked.CompareExchange(ref clients, runClients, null);
        return this;
    }

    internal Grader For(string? name)
    {
        var resolved = name ?? defaultGrader ?? throw new InvalidOperationException("no grader: the suite reader must have reported it");
        return graders.GetOrAdd(resolved, n => new Grader(targets[n], (clients ?? throw new InvalidOperationException("graders used before the run bound its clients")).For(n)));
    }
}
