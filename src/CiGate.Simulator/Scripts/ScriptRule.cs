using System.Text.RegularExpressions;

namespace CiGate.Simulator.Scripts;

/// <summary>One rule of a script file; <see cref="Index"/> is its position across all loaded scripts.</summary>
internal sealed class ScriptRule(int index, string? substring, Regex? pattern, string? model, string[] replies, bool flaky)
{
    /// <summary>
    /// The function this rule calls when the request offers tools (<c>tool_call:</c>); null calls none.
    /// </summary>
    public string? ToolCall { get; init; }

    /// <summary>The call's arguments as a JSON text (<c>arguments:</c>); "{}" when not given.</summary>
    public string Arguments { get; init; } = "{}";

    /// <summary>The reasoning text sent as <c>reasoning_content</c> when the request asks for reasoning.</summary>
    public string? Reasoning { get; init; }

    public int Index { get; } = index;

    public string? Model { get; } = model;

    public IReadOnlyList<string> Replies { get; } = replies;

    public bool Flaky { get; } = flaky;

    public bool Matches(string prompt, string model) =>
        (Model is null || string.Equals(Model, model, StringComparison.Ordinal))
        && (pattern?.IsMatch(prompt) ?? prompt.Contains(substring!, StringComparison.Ordinal));
}
