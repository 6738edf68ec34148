namespace CiGate.Core.Targets;

/// <summary>
/// One function call a target asked for. <see cref="Arguments"/> is the arguments object as the
/// target sent it (a JSON text, not parsed: models emit invalid JSON and scorers must see that).
/// </summary>
public sealed record ToolCall(string? Id, string Name, string Arguments)
{
    /// <summary>
    /// What the call returned when the target ran it itself (an app with its own agent loop reports
    /// its trajectory: each call with its <c>result</c>); null for a call the target asks CiGate to run.
    /// </summary>
    public string? Result { get; init; }

    /// <summary>The target's tool failed (the call's <c>error: true</c>); only with <see cref="Result"/>.</summary>
    public bool ResultIsError { get; init; }
}
