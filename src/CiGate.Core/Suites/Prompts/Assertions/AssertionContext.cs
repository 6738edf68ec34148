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

    /// <summary>Reasoning text the target kept apart from the answer; null when it sent none.</summary>
    public string? Reasoning { get; init; }

    /// <summary>The refusal message the target returned instead of content; null when none.</summary>
    public string? Refusal { get; init; }

    /// <summary>The function calls the target asked for; empty when it answered in text.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>The tools the request offered (OpenAI's shape); null when it offered none.</summary>
    public System.Text.Json.Nodes.JsonArray? Tools { get; init; }

    /// <summary>The suite's graders for model-graded assertions; null where the suite has none.</summary>
    public Grading.GraderSet? Graders { get; init; }
}
