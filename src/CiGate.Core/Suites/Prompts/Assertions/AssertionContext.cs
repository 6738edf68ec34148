using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>What an assertion sees: the model's output, the test case's vars and how the call went.</summary>
public sealed record AssertionContext(
    string Output,
    IReadOnlyDictionary<string, object?> Vars,
    double LatencyMs,
    bool Cached,
    TokenUsage? Usage,
    string Model)
{
    /// <summary>The rendered prompt's last message: the question a factuality judge sees.</summary>
    public string Question { get; init; } = "";

    /// <summary>The suite's graders for model-graded assertions; null where the suite has none.</summary>
    public Grading.GraderSet? Graders { get; init; }
}
