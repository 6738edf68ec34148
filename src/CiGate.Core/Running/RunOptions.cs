namespace CiGate.Core.Running;

/// <summary>
/// How to run: where results go, whether to finish an interrupted run there (<paramref name="Resume"/>)
/// or discard the run there and start a new one (<paramref name="StartOver"/>), and which shard of the
/// run (null: all of it). <paramref name="Budget"/> caps the whole run; <paramref name="Targets"/> are every
/// target of the config, so graders' calls are priced and budgeted too.
/// </summary>
public sealed record RunOptions(
    string OutputDirectory,
    bool Resume,
    int MaxConsecutiveUnreachable = 32,
    ShardSpec? Shard = null,
    bool StartOver = false,
    Costs.Budget? Budget = null,
    IReadOnlyList<Config.TargetDefinition>? Targets = null)
{
    /// <summary>Suites copied from an earlier run instead of run (<c>--changed-since</c>); none by default.</summary>
    public ReuseSet Reuse { get; init; } = ReuseSet.None;

    /// <summary>
    /// With <see cref="Resume"/>: what the run spent before does not count against its budgets
    /// (<c>--fresh-budget</c>). By default a resumed run is the same run, and its budgets hold across invocations.
    /// </summary>
    public bool FreshBudget { get; init; }
}
