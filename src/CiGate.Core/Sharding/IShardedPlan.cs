using CiGate.Core.Running;

namespace CiGate.Core.Sharding;

/// <summary>
/// A plan narrowed to one shard: what results.json records about it (<see cref="ShardPlan.Describe"/>).
/// </summary>
internal interface IShardedPlan : ISuitePlan
{
    ShardSpec Shard { get; }

    /// <summary>The whole suite's item count, over every shard.</summary>
    int TotalItems { get; }
}
