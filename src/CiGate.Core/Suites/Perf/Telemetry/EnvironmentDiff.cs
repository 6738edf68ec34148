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
