using CiGate.Core.Config;
using CiGate.Core.Results;

namespace CiGate.Core.Running;

/// <summary>
/// The seam between the pipeline and a suite kind: one suite on one target, expanded into
/// items. The runner loop, the results store and resume only know this interface.
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

    /// <summary>Runs one sample; <paramref name="clients"/> holds this plan's target and its <see cref="AuxiliaryTargets"/>.</summary>
    Task<ItemRecord> ExecuteAsync(int index, int repeat, TargetClients clients, CancellationToken ct);

    /// <summary>Metrics from this plan's records (the last record of each sample), micro and per group.</summary>
    SuiteResult Summarize(IReadOnlyList<ItemRecord> records);
}
