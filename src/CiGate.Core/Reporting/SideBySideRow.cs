namespace CiGate.Core.Reporting;

/// <summary>One test case across targets: a cell per target, in the view's target order.</summary>
internal sealed record SideBySideRow(string Case, IReadOnlyList<string> Cells);
