using CiGate.Core.Targets;

namespace CiGate.Core.Config;

/// <summary>
/// A configured endpoint. When <see cref="Simulator"/> is set the tool starts CiGate's own
/// simulator for it and fills in the base URL before the run. A <see cref="TargetRole.Grader"/>
/// is left out of suites that name no targets: it only answers judge and embedding calls.
/// </summary>
public sealed record TargetDefinition(TargetConfig Config, SimulatorSettings? Simulator)
{
    public string Name => Config.Name;

    public TargetRole Role { get; init; } = TargetRole.Model;

    /// <summary>The model the `similar` assertion asks this target's /embeddings for; null means the chat model.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>The config's prices for this target's tokens; null: tokens are counted, never priced.</summary>
    public Costs.Pricing? Pricing { get; init; }
}
