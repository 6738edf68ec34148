using CiGate.Core.Results;

namespace CiGate.Core.Running;

/// <summary>
/// A plan whose items the runner schedules: every sample (item × repeat) is one call of
/// <see cref="ExecuteAsync"/>, run concurrently with other plans' samples in the shared loop.
/// </summary>
public interface IItemPlan : ISuitePlan
{
    /// <summary>
    /// Runs one sample; <paramref name="clients"/> holds this plan's target and its <see
    /// cref="ISuitePlan.AuxiliaryTargets"/>.
    /// </summary>
    Task<ItemRecord> ExecuteAsync(int index, int repeat, TargetClients clients, CancellationToken ct);
}
