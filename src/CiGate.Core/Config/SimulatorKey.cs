namespace CiGate.Core.Config;

/// <summary>What a simulated target reads from a suite's dataset to answer like a model would.</summary>
public enum SimulatorKeyKind
{
    /// <summary>Multiple-choice answers: question and answer fields.</summary>
    Answers,

    /// <summary>GSM8K's worked answers ("#### 42"): question and answer fields.</summary>
    Gsm8kAnswers,

    /// <summary>
    /// Prompts labelled safe or unsafe, to refuse or answer: prompt and label fields, the unsafe value.
    /// </summary>
    RefusalLabels,

    /// <summary>A BFCL dataset folder: questions and possible answers, answered with tool calls.</summary>
    ToolCalls,
}

/// <summary>One dataset a simulated target learns from (see <see cref="SimulatorKeyKind"/>).</summary>
public sealed record SimulatorKey(
    SimulatorKeyKind Kind, string Path, string QuestionField, string AnswerField, string? UnsafeValue = null);
