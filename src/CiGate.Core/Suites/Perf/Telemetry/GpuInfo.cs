namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>One GPU as nvidia-smi names it; memory in MiB.</summary>
public sealed record GpuInfo(int Index, string Name, string Driver, double MemoryTotalMib);
