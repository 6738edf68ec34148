using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Everything a load point needs, prepared once per suite × target: the client, the request bodies, the limits,
/// and the bodies of the unrecorded warm-up requests (short outputs, prompts no measured request sends).
/// </summary>
internal sealed record LoadSession(
    StreamingClient Client,
    IReadOnlyList<byte[]> Bodies,
    IReadOnlyList<PerfPrompt> Prompts,
    TargetApi Api,
    TimeSpan RequestTimeout,
    TimeSpan MaxDuration,
    int MaxRequests,
    int Seed,
    Action<RequestTiming>? Observe = null)
{
    public IReadOnlyList<byte[]> WarmUpBodies { get; init; } = [];

    /// <summary>Warm-up requests before each load point; null: one per stream (8 for open loop).</summary>
    public int? WarmUpRequests { get; init; }
}
