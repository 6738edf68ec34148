namespace CiGate.Core.Results;

/// <summary>
/// Written by `cigate run --shard I/N`: which part of the run this folder holds, by which
/// assignment rule, and how many items each suite has here and in the whole run, so `cigate
/// merge` can check that the shards it joins make up exactly one run.
/// </summary>
public sealed record ShardInfo(int Index, int Count, string Assignment, IReadOnlyList<ShardSuite> Suites);
