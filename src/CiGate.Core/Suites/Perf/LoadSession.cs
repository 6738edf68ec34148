using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Perf;

/// <summary>Everything a load point needs, prepared once per suite × target: the client, the request bodies, the limits.</summary>
internal sealed record LoadSession(
    StreamingClient Client,
    IReadOnlyList<byte[]> Bodies,
    IReadOnlyList<PerfPrompt> Prompts,
    TargetApi Api,
    TimeSpan RequestTimeout,
    TimeSpan MaxDuration,
    int MaxRequests,
    int Seed,
    Action<RequestTiming>? Observe = null);
