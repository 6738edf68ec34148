namespace CiGate.Core.Reporting;

/// <summary>
/// A forest plot of a suite's delta per group, as inline SVG drawn by ScottPlot (or, where SkiaSharp does
/// not load, a line saying so): one row per group with the point estimate and its confidence interval,
/// and a zero line. Every user text in it is escaped; templates write <see cref="Svg"/> as it is. The rows'
/// raw (unescaped) labels stay in <see cref="ChartBuilder"/>, so no template can print them unescaped.
/// </summary>
internal sealed record ChartView(string Svg);
