namespace CiGate.Core.Targets;

/// <summary>
/// One function call a target asked for. <see cref="Arguments"/> is the arguments object as the
/// target sent it (a JSON text, not parsed: models emit invalid JSON and scorers must see that).
/// </summary>
public sealed record ToolCall(string? Id, string Name, string Arguments);
