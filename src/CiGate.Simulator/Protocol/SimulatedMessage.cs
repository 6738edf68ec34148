namespace CiGate.Simulator.Protocol;

/// <summary>What a chat answer carries besides its text: a scripted tool call and reasoning text.</summary>
/// <param name="ToolName">The function called; null answers in text.</param>
/// <param name="Arguments">The call's arguments, a JSON text.</param>
/// <param name="Reasoning">Sent as <c>reasoning_content</c>; null sends none.</param>
internal sealed record SimulatedMessage(string? ToolName, string? Arguments, string? Reasoning)
{
    public static SimulatedMessage Plain { get; } = new(null, null, null);
}
