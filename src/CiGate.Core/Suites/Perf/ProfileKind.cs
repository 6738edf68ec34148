namespace CiGate.Core.Suites.Perf;

/// <summary>GuideLLM's profile names; `vllm bench serve` calls constant/poisson "request rate".</summary>
public enum ProfileKind
{
    Synchronous,
    Throughput,
    Concurrent,
    Constant,
    Poisson,
    Sweep,
    SloSearch,
}
