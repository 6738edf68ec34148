using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;

namespace CiGate.Core.Sharding;

/// <summary>
/// A self-scheduled plan (a load sweep) in a sharded run. A slice of a load measures something
/// else, so the suite runs whole in the one shard its name hashes to (<see cref="ShardSpec.Of"/>)
/// and is an empty stand-in in the others: every shard lists the suite, one holds all of it, and
/// merge takes it from that shard with its side files.
/// </summary>
internal sealed class WholeShardPlan(ISelfScheduledPlan inner, ShardSpec shard) : ISelfScheduledPlan, IShardedPlan
{
    /// <summary>Whether this shard runs the suite (the shard its name hashes to).</summary>
    public bool Owns => shard.Contains(inner.Suite.Name);

    public ShardSpec Shard => shard;

    public int TotalItems => inner.ItemCount;

    public SuiteDefinition Suite => inner.Suite;

    public TargetDefinition Target => inner.Target;

    public int ItemCount => Owns ? inner.ItemCount : 0;

    public int Repeats => inner.Repeats;

    public DatasetInfo? Dataset => inner.Dataset;

    public string? PromptTemplateHash => inner.PromptTemplateHash;

    public IReadOnlyList<string> AuxiliaryTargets => inner.AuxiliaryTargets;

    public string ItemId(int index) => inner.ItemId(index);

    public void Preview() => inner.Preview();

    public Task RunAsync(SelfScheduledRun run, CancellationToken ct) =>
        Owns ? inner.RunAsync(run, ct) : Task.CompletedTask;

    public SuiteResult Summarize(IReadOnlyList<ItemRecord> records, string? folder) =>
        Owns ? inner.Summarize(records, folder) : ShardPlan.Narrow(inner.Summarize([], null), 0, inner.Repeats);
}
