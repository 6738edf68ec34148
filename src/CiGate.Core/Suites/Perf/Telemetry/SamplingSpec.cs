namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>
/// What is sampled while a load point runs: GPU utilisation and memory (nvidia-smi) and the
/// server's Prometheus gauges named in <see cref="Metrics"/>, every <see cref="Interval"/>
/// (<see cref="TimeSpan.Zero"/>: off).
/// </summary>
public sealed record SamplingSpec(TimeSpan Interval, IReadOnlyList<string> Metrics)
{
    /// <summary>vLLM's, SGLang's and TGI's queue and cache gauges; a server exposes only its own.</summary>
    public static readonly IReadOnlyList<string> DefaultMetrics =
    [
        "vllm:num_requests_running",
        "vllm:num_requests_waiting",
        "vllm:gpu_cache_usage_perc",
        "vllm:kv_cache_usage_perc",
        "vllm:gpu_prefix_cache_hit_rate",
        "sglang:num_running_reqs",
        "sglang:num_queue_reqs",
        "sglang:token_usage",
        "tgi_queue_size",
        "tgi_batch_current_size",
    ];

    public static readonly SamplingSpec Default = new(TimeSpan.FromSeconds(1), DefaultMetrics);

    public bool Enabled => Interval > TimeSpan.Zero;
}
