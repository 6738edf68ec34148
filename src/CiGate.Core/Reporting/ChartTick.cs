namespace CiGate.Core.Reporting;

/// <summary>An x-axis tick of the forest plot: its value in points and its label ("+2.5", "0", "-5").</summary>
internal sealed record ChartTick(double Value, string Label);
