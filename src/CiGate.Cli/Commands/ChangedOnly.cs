using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;
using CiGate.Core.Targets;

namespace CiGate.Cli.Commands;

/// <summary>
/// `run --changed-since REF --reuse-from DIR`: picks the suites to copy, asks each one's canary
/// and says on stderr which suites run and why.
/// </summary>
internal static class ChangedOnly
{
    public static async Task<ReuseSet> SelectAsync(
        IReadOnlyList<ISuitePlan> plans,
        CiGateConfig config,
        string? since,
        string? from,
        string? branch,
        TextWriter stderr,
        CancellationToken ct)
    {
        if (from is null)
        {
            return ReuseSet.None;
        }

        var source = LoadedRun.Load(from);
        if (source.Results.Status != "complete")
        {
            throw new CiGateException(new Diagnostic(
                DiagnosticCodes.ReuseSourceInvalid,
                $"the run in --reuse-from is {source.Results.Status}, not complete; nothing of it is reused",
                source.Folder));
        }

        var changed = since is null ? null : ChangedFiles.Since(since, config.SourcePath);
        var label = ReuseSelector.Label(source.Results, branch);
        var set = ReuseSelector.Select(plans, source.Results, source.Items, changed, config.BaseDirectory, label);
        set = await CanaryAsync(set, plans, config, ct);
        foreach (var decision in set.Decisions)
        {
            var what = (decision.Reused, decision.Cases) switch
            {
                (false, _) => $"runs: {decision.Reason}",
                (true, { } cases) => $"{cases.Run} of {cases.Total} cases run; {cases.Total - cases.Run} reused from "
                    + $"{label}; {decision.Reason}",
                _ => $"unchanged: reused from {label}; {decision.Reason}",
            };
            await stderr.WriteLineAsync($"{decision.Suite}@{decision.Target}: {what}");
        }

        return set;
    }

    /// <summary>
    /// Canary answers are cached apart from the run's (`cache.dir/canary`), so a re-run of the
    /// same change asks nothing again, and an answer cached before the reused run never passes for
    /// a fresh one.
    /// </summary>
    private static async Task<ReuseSet> CanaryAsync(
        ReuseSet set, IReadOnlyList<ISuitePlan> plans, CiGateConfig config, CancellationToken ct)
    {
        var checkedPlans = plans
            .Where(p => set.Suites.ContainsKey((p.Suite.Name, p.Target.Name)) && p.Suite.Reuse.Canary > 0)
            .ToList();
        if (checkedPlans.Count == 0)
        {
            return set;
        }

        await using var cache = config.Cache.Enabled
            ? await ResponseCache.OpenAsync(Path.Combine(config.Cache.Directory, "canary"), ct)
            : null;
        var names = checkedPlans.SelectMany(p => p.AuxiliaryTargets.Append(p.Target.Name))
            .ToHashSet(StringComparer.Ordinal);
        var clients = config.Targets.Where(t => names.Contains(t.Name))
            .ToDictionary(t => t.Name, t => TargetClientFactory.Create(t.Config, cache), StringComparer.Ordinal);
        try
        {
            return await CanaryRunner.CheckAsync(set, plans, new TargetClients(clients), ct);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                await client.DisposeAsync();
            }
        }
    }
}
