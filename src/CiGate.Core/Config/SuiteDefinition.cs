using System.Text.Json.Nodes;

namespace CiGate.Core.Config;

/// <summary>
/// What every suite kind shares. A kind (accuracy, prompts, perf, safety) derives from this and
/// carries its own validated settings; <see cref="Describe"/> is its resolved, secret-free form,
/// written to results.json and hashed into <see cref="DefinitionHash"/> for pairing runs.
/// </summary>
public abstract record SuiteDefinition(string Name, string Kind, IReadOnlyList<string> Targets)
{
    /// <summary>How compare gates this suite. Not part of <see cref="DefinitionHash"/>: tightening a gate must not unpair runs.</summary>
    public GateSettings Gate { get; init; } = GateSettings.Default;

    /// <summary>What this suite may spend (tokens, money); not part of <see cref="DefinitionHash"/>.</summary>
    public Costs.Budget? Budget { get; init; }
    /// <summary>
    /// `inputs:` globs (relative to the config's folder) of files whose change re-runs the suite under
    /// `run --changed-since`. Not part of <see cref="DefinitionHash"/>: naming inputs measures nothing new.
    /// </summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>`reuse:` how a base reused under `run --changed-since` is checked (its canary). Not hashed.</summary>
    public ReuseSettings Reuse { get; init; } = ReuseSettings.Default;

    /// <summary>`pairwise:` head's outputs judged against base's by compare; null if not asked. Not hashed.</summary>
    public PairwiseSettings? Pairwise { get; init; }

    /// <summary>
    /// `grader_labels:` people's verdicts to check the model-graded assertions' grader on. Not hashed.
    /// </summary>
    public GraderLabelSettings? GraderLabels { get; init; }

    public abstract JsonObject Describe();

    public string DefinitionHash => Hashing.Sha256Hex(Describe().ToJsonString());
}
