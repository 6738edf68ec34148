namespace CiGate.Core.Suites.Tools;

/// <summary>
/// A tool suite's own part of a comparison: the tool calls of every newly failing and newly passing case.
/// </summary>
internal sealed record ToolsComparison(IReadOnlyList<TrajectoryChange> Changes);
