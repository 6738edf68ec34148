using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;

namespace CiGate.Core.Sharding;

/// <summary>
/// A plan narrowed to one shard's items. It sits between the runner and any suite kind, so
/// every kind shards the same way. Everything but the item list is the inner plan's: its
/// dataset (and hash), few-shot pool and graders all still see the whole suite, so a sample
/// renders and scores exactly as in an unsharded run.
/// </summary>
internal sealed class ShardPlan : IItemPlan, IShardedPlan
{
    private readonly IItemPlan inner;
    private readonly int[] indices;

    public ShardPlan(IItemPlan inner, ShardSpec shard)
    {
        this.inner = inner;
        Shard = shard;
        indices = [.. Enumerable.Range(0, inner.ItemCount).Where(i => shard.Contains(inner.ItemId(i)))];
    }

    public ShardSpec Shard { get; }

    public int TotalItems => inner.ItemCount;

    public SuiteDefinition Suite => inner.Suite;

    public TargetDefinition Target => inner.Target;

    public int ItemCount => indices.Length;

    public int Repeats => inner.Repeats;

    public DatasetInfo? Dataset => inner.Dataset;

    public string? PromptTemplateHash => inner.PromptTemplateHash;

    public IReadOnlyList<string> AuxiliaryTargets => inner.AuxiliaryTargets;

    public static IReadOnlyList<ISuitePlan> Wrap(IReadOnlyList<ISuitePlan> plans, ShardSpec shard)
    {
        // A load sweep measures the server under its whole load: a slice of it measures something
        // else, so it runs whole in one shard (WholeShardPlan).
        return [.. plans.Select(p => p switch
        {
            IItemPlan item => (ISuitePlan)new ShardPlan(item, shard),
            ISelfScheduledPlan whole => new WholeShardPlan(whole, shard),
            _ => throw new InvalidOperationException($"suite '{p.Suite.Name}': a plan is either item-scheduled or self-scheduled"),
        })];
    }

    /// <summary>What results.json records about a sharded run; null when the plans are not sharded.</summary>
    public static ShardInfo? Describe(IReadOnlyList<ISuitePlan> plans)
    {
        var sharded = plans.OfType<IShardedPlan>().ToList();
        if (sharded.Count == 0)
        {
            return null;
        }

        var shard = sharded[0].Shard;
        return new ShardInfo(shard.Index, shard.Count, ShardSpec.Assignment, [.. sharded.Select(p => new ShardSuite(p.Suite.Name, p.Target.Name, p.ItemCount, p.TotalItems))]);
    }

    public string ItemId(int index) => inner.ItemId(indices[index]);

    public void Preview() => inner.Preview();

    public Task<ItemRecord> ExecuteAsync(int index, int repeat, TargetClients clients, CancellationToken ct) =>
        inner.ExecuteAsync(indices[index], repeat, clients, ct);

    /// <summary>The inner plan's metrics over this shard's records (partial by nature), with counts for this shard's items.</summary>
    public SuiteResult Summarize(IReadOnlyList<ItemRecord> records, string? folder)
    {
        return Narrow(inner.Summarize(records, folder), indices.Length, inner.Repeats);
    }

    /// <summary>A whole-suite summary's counts restated for the <paramref name="items"/> of one shard.</summary>
    public static SuiteResult Narrow(SuiteResult result, int items, int repeats)
    {
        var samples = items * repeats;
        var counts = result.Counts;
        return result with
        {
            Counts = counts with { Items = items, Samples = samples, Missing = samples - counts.Completed - counts.Errored },
        };
    }
}
