namespace CiGate.Core.Reporting;

/// <summary>What a command that writes report.html can do ahead of time about its charts.</summary>
public static class ReportCharts
{
    /// <summary>
    /// Loads and compiles the chart path (ScottPlot, SkiaSharp's native library, the embedded font) on a
    /// pool thread by drawing a small forest plot and dropping it, so that cost overlaps whatever the
    /// command does first (reading the results folders) instead of adding to its wall time. Never throws:
    /// where Skia does not load, the report's own chart says so.
    /// </summary>
    public static Task WarmUp() => Task.Run(() =>
    {
        try
        {
            ChartBuilder.Warm();
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or InvalidOperationException)
        {
            // The real chart meets the same failure and explains it in the page.
        }
    });
}
