namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>
/// What changed between the machines of a base and a head sweep: GPUs, driver, server. A latency
/// change measured across different hardware or server versions says little about the code, so
/// compare lists these beside the model change. Runs without a recorded environment add nothing.
/// </summary>
public static class EnvironmentDiff
{
    public static IReadOnlyList<string> Notes(PerfEnvironment? @base, PerfEnvironment? head)
    {
        if (@base is null || head is null)
        {
            return [];
        }

        var notes = new List<string>();
        Add(notes, "GPUs", Gpus(@base), Gpus(head));
        Add(notes, "GPU driver", string.Join(", ", @base.Gpus.Select(g => g.Driver).Distinct()), string.Join(", ", head.Gpus.Select(g => g.Driver).Distinct()));
        Add(notes, "server", Server(@base), Server(head));
        return notes;
    }

    /// <summary>
    /// One line for the report: "1× NVIDIA H100 80GB HBM3 (driver 550.54.15, 81559 MiB), vllm 0.6.3,
    /// runner gpu-1, 16 CPUs". Only what was captured; the model is in the suite's own title.
    /// </summary>
    public static string Describe(PerfEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var parts = new List<string>();
        if (environment.Gpus.Count > 0)
        {
            var driver = string.Join("/", environment.Gpus.Select(g => g.Driver).Distinct(StringComparer.Ordinal));
            var memory = string.Join("/", environment.Gpus.Select(g => g.MemoryTotalMib.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).Distinct(StringComparer.Ordinal));
            parts.Add($"{Gpus(environment)} (driver {driver}, {memory} MiB)");
        }
        else
        {
            parts.Add("no GPU seen (nvidia-smi absent or failed)");
        }

        if (Server(environment) is { Length: > 0 } server)
        {
            parts.Add(environment.ServerStarted ? server + ", started by cigate" : server);
        }

        if (environment.Runner.Length > 0)
        {
            parts.Add("runner " + environment.Runner);
        }

        if (environment.CpuCount > 0)
        {
            parts.Add(environment.CpuCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + " CPUs");
        }

        return string.Join(", ", parts);
    }

    /// <summary>"2× NVIDIA H100 80GB HBM3", or "none".</summary>
    public static string Gpus(PerfEnvironment environment) => environment.Gpus.Count == 0
        ? "none"
        : string.Join(" + ", environment.Gpus.GroupBy(g => g.Name, StringComparer.Ordinal).Select(g => $"{g.Count()}× {g.Key}"));

    private static string Server(PerfEnvironment environment) =>
        environment.ServerKind is null ? "" : $"{environment.ServerKind} {environment.ServerVersion}".Trim();

    private static void Add(List<string> notes, string what, string before, string after)
    {
        if (before.Length > 0 && after.Length > 0 && !string.Equals(before, after, StringComparison.Ordinal))
        {
            notes.Add($"{what}: {before} → {after}");
        }
    }
}
