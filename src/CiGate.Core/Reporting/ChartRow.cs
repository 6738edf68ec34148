namespace CiGate.Core.Reporting;

/// <summary>
/// One row of a forest plot, before drawing: its label and "delta [CI]" text (plain, sanitised, not yet
/// escaped), the delta and interval bounds in points (NaN when n/a), and the colour of its verdict.
/// </summary>
internal sealed record ChartRow(string Label, string Value, double Delta, double Low, double High, string Color)
{
    public bool HasPoint => double.IsFinite(Delta);

    public bool HasInterval => double.IsFinite(Low) && double.IsFinite(High);
}
