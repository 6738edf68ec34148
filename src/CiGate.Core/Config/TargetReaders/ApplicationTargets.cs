using CiGate.Core.Targets;

namespace CiGate.Core.Config.TargetReaders;

/// <summary>
/// The application targets of a config (exec and http: they answer cases, not token streams), for
/// kinds that cannot run on them (perf refuses them when the config loads, see <c>PerfTargets</c>).
/// </summary>
internal static class ApplicationTargets
{
    /// <summary>The exec and http targets of a config, by name, with their <c>type:</c>.</summary>
    public static Dictionary<string, string> Of(IEnumerable<TargetDefinition> targets) =>
        targets
            .Where(t => t.Config.Exec is not null || t.Config.Http is not null)
            .ToDictionary(t => t.Name, t => t.Config.Exec is not null ? "exec" : "http", StringComparer.Ordinal);
}
