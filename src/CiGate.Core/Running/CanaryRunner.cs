using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Results;

namespace CiGate.Core.Running;

/// <summary>
/// Asks each reused suite's canary (<see cref="ReuseSettings.Canary"/> of the reused run's items,
/// picked by a hash of their id, the same ones every time) on head's target, and keeps the suite
/// reused only when <see cref="CanaryCheck"/> passes. A failed canary runs the suite in full, or,
/// with <c>fallback: inconclusive</c>, keeps it reused with the failure that makes it inconclusive.
/// A load suite (perf) has no items to re-ask: it runs.
/// </summary>
public static class CanaryRunner
{
    public static async Task<ReuseSet> CheckAsync(
        ReuseSet set, IReadOnlyList<ISuitePlan> plans, TargetClients clients, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(set);
        var kept = new Dictionary<(string Suite, string Target), ReusedSuite>();
        var decisions = set.Decisions.ToDictionary(d => (d.Suite, d.Target));
        foreach (var (key, reused) in set.Suites)
        {
            var plan = plans.First(p => p.Suite.Name == key.Suite && p.Target.Name == key.Target);
            var settings = plan.Suite.Reuse;
            if (settings.Canary == 0)
            {
                kept[key] = reused;
                continue;
            }

            if (plan is not IItemPlan items)
            {
                const string NoCanary = "a load suite has no canary to check a reused run with";
                decisions[key] = decisions[key] with { Reused = false, Reason = NoCanary };
                continue;
            }

            var records = await AskAsync(items, reused, settings.Canary, clients, ct);
            var canary = CanaryCheck.Evaluate(reused.Stored, reused.Records, records, settings.MaxFlipRate);
            if (canary.Passed || !settings.Fallback)
            {
                kept[key] = reused with { From = reused.From with { Canary = canary } };
                var cases = decisions[key].Cases is null ? "" : $"{decisions[key].Reason}; ";
                decisions[key] = decisions[key] with { Reason = cases + canary.Describe() };
            }
            else
            {
                decisions[key] = decisions[key] with { Reused = false, Reason = $"runs in full: {canary.Describe()}" };
            }
        }

        return new ReuseSet(kept, [.. set.Decisions.Select(d => decisions[(d.Suite, d.Target)])]);
    }

    private static async Task<List<ItemRecord>> AskAsync(
        IItemPlan plan, ReusedSuite reused, int count, TargetClients clients, CancellationToken ct)
    {
        var asked = reused.Records.Where(r => r.Repeat == 0 && r.Error is null)
            .Select(r => r.Item)
            .ToHashSet(StringComparer.Ordinal);
        var picked = Enumerable.Range(0, plan.ItemCount)
            .Select(i => (Index: i, Id: plan.ItemId(i)))
            .Where(x => asked.Contains(x.Id))
            .OrderBy(x => Hashing.Sha256Hex("canary\u001f" + x.Id), StringComparer.Ordinal)
            .Take(count)
            .ToList();
        var results = new ItemRecord[picked.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, plan.Target.Config.Concurrency),
            CancellationToken = ct,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, picked.Count), parallel, async (i, token) =>
            results[i] = await plan.ExecuteAsync(picked[i].Index, 0, clients, token));
        return [.. results];
    }
}
