using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Tools;

/// <summary>One call in a conversation: the user turn and model step it came in, and what the mock returned.</summary>
internal sealed record TrajectoryCall(int Turn, int Step, ToolCall Call, ToolResult Result);
