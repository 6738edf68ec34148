namespace CiGate.Core.Suites.Perf;

/// <summary>Mean and percentiles (linear interpolation, numpy's default) of one latency, in milliseconds.</summary>
public sealed record Distribution(int N, double Mean, double P50, double P90, double P95, double P99, double Max)
{
    public static Distribution Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public static Distribution Of(List<double> values)
    {
        if (values.Count == 0)
        {
            return Empty;
        }

        values.Sort();
        return new Distribution(values.Count, Round(values.Average()), Round(Percentile(values, 50)), Round(Percentile(values, 90)), Round(Percentile(values, 95)), Round(Percentile(values, 99)), Round(values[^1]));
    }

    /// <summary>The percentile of already sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = percentile / 100 * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    public double Stat(double percentile) => percentile switch
    {
        50 => P50,
        90 => P90,
        95 => P95,
        99 => P99,
        100 => Max,
        _ => double.NaN,
    };

    private static double Round(double value) => Math.Round(value, 3);
}
