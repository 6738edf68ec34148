namespace CiGate.Simulator.Protocol;

/// <summary>What a chat answer carries besides its text: a scripted tool call and reasoning text.</summary>
/// <param name="ToolName">The function called; null answers in text.</param>
/// <param name="Arguments">The call's arguments, a JSON text.</param>
/// <param name="Reasoning">Sent as <c>reasoning_content</c>; null sends none.</param>
internal sealed record SimulatedMessage(string? ToolName, string? Arguments, string? Reasoning)
{
    public static SimulatedMessage Plain { get; } = new(null, null, null);

    /// <summary>Calls besides <see cref="ToolName"/>'s (a BFCL answer's parallel calls).</summary>
    public IReadOnlyList<Tools.SimulatedToolCall> Calls { get; init; } = [];

    /// <summary>Every call, <see cref="ToolName"/>'s first.</summary>
    public IReadOnlyList<Tools.SimulatedToolCall> AllCalls =>
        ToolName is null ? Calls : [new(ToolName, Arguments ?? "{}"), .. Calls];

    public bool HasToolCalls => ToolName is not null || Calls.Count > 0;
}
