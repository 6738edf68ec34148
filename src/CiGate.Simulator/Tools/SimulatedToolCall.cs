namespace CiGate.Simulator.Tools;

/// <summary>One function call of a simulated answer; <see cref="Arguments"/> is the JSON text sent.</summary>
internal sealed record SimulatedToolCall(string Name, string Arguments);
