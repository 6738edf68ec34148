namespace CiGate.Core.Suites.Tools;

/// <summary>What a mocked tool returned to the model: JSON text, and whether it is an error.</summary>
internal readonly record struct ToolResult(string Content, bool IsError);
