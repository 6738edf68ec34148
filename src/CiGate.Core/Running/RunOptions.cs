namespace CiGate.Core.Running;

/// <summary>
/// How to run: where results go, whether to finish an interrupted run there (<paramref name="Resume"/>)
/// or discard the run there and start a new one (<paramref name="StartOver"/>), and which shard of the
/// run (null: all of it).
/// </summary>
public sealed record RunOptions(
    string OutputDirectory,
    bool Resume,
    int MaxConsecutiveUnreachable = 32,
    ShardSpec? Shard = null,
    bool StartOver = false)
{
    /// <summary>Suites copied from an earlier run instead of run (<c>--changed-since</c>); none by default.</summary>
    public ReuseSet Reuse { get; init; } = ReuseSet.None;
}
