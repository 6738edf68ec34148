using System.Text.RegularExpressions;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>A perf suite's `sample_interval: 1s` (or `off`) and `sample_metrics: [...]` (replaces the defaults).</summary>
internal static partial class SamplingSpecReader
{
    public static SamplingSpec Read(MapReader map)
    {
        var interval = SamplingSpec.Default.Interval;
        if (map.String("sample_interval") is { } text)
        {
            if (text is "off" or "0" or "false")
            {
                interval = TimeSpan.Zero;
            }
            else if (DurationParser.TryParse(text, out var value) && value >= TimeSpan.FromMilliseconds(100) && value <= TimeSpan.FromMinutes(10))
            {
                interval = value;
            }
            else
            {
                map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("sample_interval")!, $"'{map.Section}.sample_interval' must be a duration between 100ms and 10m (e.g. 1s), or off");
            }
        }

        var metrics = map.Strings("sample_metrics") ?? SamplingSpec.DefaultMetrics;
        foreach (var name in metrics.Where(m => !MetricName().IsMatch(m)))
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("sample_metrics")!, $"'{map.Section}.sample_metrics' has '{name}', which is not a Prometheus metric name");
        }

        return new SamplingSpec(interval, metrics);
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();
}
