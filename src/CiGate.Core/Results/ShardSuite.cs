namespace CiGate.Core.Results;

/// <summary>One suite × target of a shard: its items in this shard and in the whole (unsharded) run.</summary>
public sealed record ShardSuite(string Suite, string Target, int Items, int TotalItems);
