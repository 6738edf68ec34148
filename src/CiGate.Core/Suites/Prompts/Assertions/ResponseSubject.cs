namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>The part of a response an assertion reads (its <c>on:</c> key).</summary>
public enum ResponseSubject
{
    /// <summary>The answer's text (the default).</summary>
    Output,

    /// <summary>The reasoning text kept apart from the answer (<c>reasoning_content</c>); empty when none.</summary>
    Reasoning,

    /// <summary>
    /// The tool calls as a JSON array in OpenAI's shape, each call's arguments parsed when they are JSON.
    /// </summary>
    ToolCalls,

    /// <summary>The target's refusal message (<c>message.refusal</c>); empty when none.</summary>
    Refusal,
}
