using CiGate.Core.Config;
using CiGate.Core.Datasets;

namespace CiGate.Core.Running;

/// <summary>
/// What a suite kind gets to build its plans: the config (for targets), the <c>--limit</c> and a
/// dataset cache, so suites on the same dataset load it once.
/// </summary>
internal sealed class PlanContext(CiGateConfig config, int? limit)
{
    private readonly Dictionary<DatasetSpec, Dataset> datasets = [];

    public CiGateConfig Config => config;

    public int? Limit => limit;

    public TargetDefinition Target(string name) => config.Target(name);

    /// <summary>
    /// <paramref name="spec"/> with <c>--limit</c> applied (the smaller of it and the suite's own limit).
    /// </summary>
    public DatasetSpec Limited(DatasetSpec spec) =>
        limit is { } n ? spec with { Limit = Math.Min(n, spec.Limit ?? n) } : spec;

    /// <summary>Loads a dataset once per spec.</summary>
    public Dataset Load(DatasetSpec spec, IEnumerable<string> required)
    {
        if (!datasets.TryGetValue(spec, out var dataset))
        {
            datasets[spec] = dataset = DatasetLoader.Load(spec, required);
        }

        return dataset;
    }
}
