using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Targets;

namespace CiGate.Core.Running;

/// <summary>
/// The seam between the pipeline and a suite kind: one suite on one target, expanded into
/// items. The runner loop, the results store and resume only know this interface and its two
/// ways of running: <see cref="IItemPlan"/> (the runner schedules every item) and
/// <see cref="ISelfScheduledPlan"/> (the plan drives its own load).
/// </summary>
public interface ISuitePlan
{
    SuiteDefinition Suite { get; }

    TargetDefinition Target { get; }

    int ItemCount { get; }

    int Repeats { get; }

    DatasetInfo? Dataset { get; }

    string? PromptTemplateHash { get; }

    string ItemId(int index);

    /// <summary>Renders what the first item would send, so `validate` catches template errors without a model call.</summary>
    void Preview();

    /// <summary>Other targets this plan calls (graders), so the caller creates their clients and starts their simulators.</summary>
    IReadOnlyList<string> AuxiliaryTargets => [];

    /// <summary>
    /// Metrics from this plan's records (the last record of each sample), micro and per group.
    /// <paramref name="folder"/> is the results folder whose side files (perf: requests.jsonl) the
    /// summary may read, or null where the plan has written none (before a self-scheduled plan ran).
    /// </summary>
    SuiteResult Summarize(IReadOnlyList<ItemRecord> records, string? folder);

    /// <summary>
    /// What each of the suite's cases sends (repeat 0), for <c>cigate coverage</c>: the cases real
    /// traffic is compared with. None where the items are not cases of an application's use (a perf
    /// load, safety probes).
    /// </summary>
    IEnumerable<ModelRequest> CaseRequests() => [];
}
