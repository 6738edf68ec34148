namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>What sampling learned across a sweep's load points: a server without /metrics or a failing nvidia-smi is not asked again.</summary>
internal sealed class SamplerState(string suite, string target, NvidiaSmi? gpu, IReadOnlyList<string> metrics)
{
    private volatile NvidiaSmi? gpu = gpu;
    private volatile bool metricsAvailable = true;

    public string Suite => suite;

    public string Target => target;

    public NvidiaSmi? Gpu => gpu;

    public bool MetricsAvailable => metricsAvailable && metrics.Count > 0;

    public IReadOnlySet<string> AllowedMetrics { get; } = new HashSet<string>(metrics, StringComparer.Ordinal);

    public string? GpuProblem { get; private set; }

    public void GpuFailed(string message)
    {
        GpuProblem = message;
        gpu = null;
    }

    public void MetricsMissing() => metricsAvailable = false;
}
