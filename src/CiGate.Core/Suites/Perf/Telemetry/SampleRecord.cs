namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>
/// One line of samples.jsonl (schema <see cref="SchemaVersion"/>): what the GPUs and the server's
/// gauges showed at <see cref="TMs"/> milliseconds into a load point.
/// </summary>
public sealed record SampleRecord
{
    public const int SchemaVersion = 1;
    public const string FileName = "samples.jsonl";

    public int Schema { get; init; } = SchemaVersion;

    public string Suite { get; init; } = "";

    public string Target { get; init; } = "";

    public string LoadPoint { get; init; } = "";

    public int Repeat { get; init; }

    public double TMs { get; init; }

    public IReadOnlyList<GpuSample>? Gpus { get; init; }

    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    /// <summary>The series a load point's summary keeps: GPU utilisation (mean over GPUs), memory used (sum over GPUs), and each metric.</summary>
    public IEnumerable<(string Series, double Value)> Series()
    {
        if (Gpus is { Count: > 0 } gpus)
        {
            var utilization = gpus.Where(g => g.Utilization is not null).Select(g => g.Utilization!.Value).ToList();
            if (utilization.Count > 0)
            {
                yield return ("gpu_utilization_pct", utilization.Average());
            }

            var memory = gpus.Where(g => g.MemoryUsedMib is not null).Select(g => g.MemoryUsedMib!.Value).ToList();
            if (memory.Count > 0)
            {
                yield return ("gpu_memory_used_mib", memory.Sum());
            }
        }

        foreach (var (name, value) in Metrics ?? new Dictionary<string, double>())
        {
            if (double.IsFinite(value))
            {
                yield return (name, value);
            }
        }
    }
}
