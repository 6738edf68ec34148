namespace CiGate.Core.Running;

/// <summary>
/// A plan that drives its own load (perf sweeps): its items are load points that must run one at
/// a time, alone on the target, with their own scheduling. The runner leaves them out of the
/// shared item-by-item loop and runs them after it, in order, never concurrently with other load.
/// </summary>
public interface ISelfScheduledPlan : ISuitePlan
{
    Task RunAsync(SelfScheduledRun run, CancellationToken ct);
}
