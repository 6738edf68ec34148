using CiGate.Core.Results;
using CiGate.Core.Targets;

namespace CiGate.Core.Running;

/// <summary>
/// The servers of one run, probed once each before the first item (<see cref="ServerProbe"/>), and
/// each suite's <see cref="ServedIdentity"/> built from them and from its records.
/// </summary>
public sealed class IdentityProbe
{
    private readonly IReadOnlyDictionary<string, (string Model, ServerMetadata Server)> targets;

    private IdentityProbe(IReadOnlyDictionary<string, (string Model, ServerMetadata Server)> targets) =>
        this.targets = targets;

    public static async Task<IdentityProbe> ProbeAsync(
        IReadOnlyList<ISuitePlan> plans, IReadOnlyDictionary<string, ITargetClient> clients, CancellationToken ct)
    {
        var names = plans.Select(p => p.Target.Name).Concat(plans.SelectMany(p => p.AuxiliaryTargets))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var configs = names
            .Select(n => clients.TryGetValue(n, out var c) ? c.Config
                : plans.FirstOrDefault(p => p.Target.Name == n)?.Target.Config)
            .OfType<TargetConfig>()
            .ToList();
        var probes = await Task.WhenAll(configs.Select(c => ServerProbe.ProbeAsync(c, ct)));
        return new IdentityProbe(configs.Zip(probes).ToDictionary(
            x => x.First.Name, x => (x.First.Model, x.Second), StringComparer.Ordinal));
    }

    public ServedIdentity Identify(ISuitePlan plan, IReadOnlyList<ItemRecord> records)
    {
        var judges = plan.AuxiliaryTargets
            .Where(targets.ContainsKey)
            .Order(StringComparer.Ordinal)
            .Select(t => new JudgeIdentity(t, targets[t].Model, targets[t].Server))
            .ToList();
        var fingerprints = records.Select(r => r.SystemFingerprint).OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var server = targets.TryGetValue(plan.Target.Name, out var own)
            ? own.Server
            : ServerMetadata.None("not probed");
        return new ServedIdentity(plan.Target.Config.Model, RecordStats.ServedModels(records), fingerprints, server)
        {
            Judges = judges.Count > 0 ? judges : null,
        };
    }
}
