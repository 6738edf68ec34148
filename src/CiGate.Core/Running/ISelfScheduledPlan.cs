namespace CiGate.Core.Running;

/// <summary>
/// A plan that drives its own load (perf sweeps): its items are load points that must run one at
/// a time, alone on the target, with their own scheduling. The runner leaves them out of the
/// shared item-by-item loop and runs them after it, in order, never concurrently with other load.
/// Whatever a run produces beside items.jsonl goes to <see cref="SelfScheduledRun.Folder"/>; the
/// runner hands the same folder to <see cref="ISuitePlan.Summarize"/>, so the plan keeps no state.
/// </summary>
public interface ISelfScheduledPlan : ISuitePlan
{
    Task RunAsync(SelfScheduledRun run, CancellationToken ct);
}
