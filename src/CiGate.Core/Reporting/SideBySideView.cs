namespace CiGate.Core.Reporting;

/// <summary>
/// A prompt suite run on several targets, laid out case × target (promptfoo's matrix): each cell
/// is the head's pass rate, marked when it changed from base. Rows with a change come first.
/// </summary>
internal sealed record SideBySideView(string Title, IReadOnlyList<string> Targets, IReadOnlyList<SideBySideRow> Rows, int RowsTotal, string Note);
