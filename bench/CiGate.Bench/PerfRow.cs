namespace CiGate.Bench;

/// <summary>One measured load: who read the streams, against which server model, and what it cost.</summary>
internal sealed record PerfRow(
    string Client,
    string ServerModel,
    double ItlMs,
    int Streams,
    int Requests,
    int Failed,
    long Chunks,
    double WallSeconds,
    double ClientCpuMs,
    double ServerCpuMs,
    double OthersCpuMs,
    double InterruptCpuMs,
    double Load,
    double AllocatedBytes,
    int Gen0,
    int Gen2,
    List<double> Errors,
    List<double> GapErrors,
    List<double> Gaps,
    List<double> Ttfts,
    List<double> WindowErrors,
    List<double> Stalls,
    string? FirstError = null);
