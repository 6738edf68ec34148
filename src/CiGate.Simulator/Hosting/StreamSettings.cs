namespace CiGate.Simulator.Hosting;

/// <summary>Per-request streaming behaviour from <see cref="PerformanceOptions"/> and the request's own options.</summary>
internal readonly record struct StreamSettings(
    DecodeCapacity Capacity,
    bool IncludeUsage,
    bool ContinuousUsage,
    bool SendTimestamps,
    bool ErrorMidStream,
    DecodeSteps? Steps = null);
