namespace CiGate.Core.Reporting;

/// <summary>
/// Every number a report prints, formatted once here (invariant culture) so templates never
/// format. Metric values print in points: the metric × 100, one decimal.
/// </summary>
internal static class ReportNumbers
{
    public const string NotAvailable = "n/a";

    public static string Points(double value) => double.IsFinite(value) ? (value * 100).ToString("0.0") : NotAvailable;

    public static string Delta(double value) => double.IsFinite(value) ? (value * 100).ToString("+0.0;-0.0;0.0") : NotAvailable;

    public static string Interval(double low, double high) =>
        double.IsFinite(low) && double.IsFinite(high) ? $"[{Delta(low)}, {Delta(high)}]" : NotAvailable;

    /// <summary>
    /// A metric's interval; "no item changed" when no item moved, where a zero-width [0.0, 0.0]
    /// would read as certainty about the population rather than a fact about this sample.
    /// </summary>
    public static string Interval(Comparing.MetricComparison m) =>
        m is { Regressions: 0, Improvements: 0, CiLow: 0, CiHigh: 0 } ? NoChange : Interval(m.CiLow, m.CiHigh);

    public const string NoChange = "no item changed";

    public static string PValue(double p) => !double.IsFinite(p) ? NotAvailable : p < 0.001 ? "<0.001" : p.ToString("0.000");

    /// <summary>"p=0.003" or "p&lt;0.001" (unescaped) for sentences.</summary>
    public static string PClause(double p) => PValue(p) switch
    {
        NotAvailable => "p n/a",
        ['<', ..] and var small => "p" + small,
        var value => "p=" + value,
    };

    public static string Percent(double rate) => double.IsFinite(rate) ? (rate * 100).ToString("0.0") + "%" : NotAvailable;

    public static string Count(int value) => value.ToString("0");

    public static string Coordinate(double value) => value.ToString("0.#");

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'");
}
