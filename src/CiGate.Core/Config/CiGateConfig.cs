namespace CiGate.Core.Config;

/// <summary>A validated config: the targets to call and the suites to run on them.</summary>
public sealed record CiGateConfig(
    string SourcePath,
    string BaseDirectory,
    IReadOnlyList<TargetDefinition> Targets,
    IReadOnlyList<SuiteDefinition> Suites,
    CacheSettings Cache)
{
    public TargetDefinition Target(string name) => Targets.First(t => t.Name == name);

    /// <summary>Processes to start and secrets to send, each to be granted by a <see cref="TrustPolicy"/> before the run.</summary>
    public IReadOnlyList<Privilege> Privileges { get; init; } = [];

    /// <summary>The top-level <c>coverage:</c> gate of <c>cigate coverage</c>; null when the config has none.</summary>
    public CoverageGateSettings? CoverageGate { get; init; }
    /// <summary>What the whole run may spend (top-level <c>budget:</c>); null: no cap.</summary>
    public Costs.Budget? Budget { get; init; }
}
