namespace CiGate.Target;

/// <summary>
/// A function call: what a reply's <c>tool_calls</c> holds, and what an assistant message of a
/// request may carry. <paramref name="Arguments"/> is the arguments object as JSON text, as the
/// model wrote it (scorers must see invalid JSON as invalid).
/// </summary>
/// <param name="Id">The call id (<c>call_...</c>), when the model gave one.</param>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">The arguments as JSON text.</param>
public sealed record TargetToolCall(string? Id, string Name, string Arguments);
