using System.Globalization;
using CiGate.Core.Reporting;

namespace CiGate.Core.Suites.Perf;

/// <summary>Latencies as reports print them: three significant digits at most, never more than two decimals.</summary>
internal static class PerfNumbers
{
    /// <summary>"0.42 ms", "8.62 ms", "43.3 ms", "302 ms", "1,204 ms".</summary>
    public static string Ms(double value) =>
        !double.IsFinite(value) ? ReportNumbers.NotAvailable : Math.Abs(value) switch
        {
            < 10 => value.ToString("0.##", CultureInfo.InvariantCulture),
            < 100 => value.ToString("0.#", CultureInfo.InvariantCulture),
            _ => value.ToString("#,0", CultureInfo.InvariantCulture),
        } + " ms";
}
