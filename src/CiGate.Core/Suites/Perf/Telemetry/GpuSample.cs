namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>One GPU at one moment: utilisation in percent, memory used in MiB (null where nvidia-smi says N/A).</summary>
public sealed record GpuSample(int Index, double? Utilization, double? MemoryUsedMib);
