namespace CiGate.Core.Config;

/// <summary>The keys every suite kind shares, read before the kind's own reader runs.</summary>
internal sealed record SuiteHeader(string Name, string Kind, IReadOnlyList<string> Targets, string? Preset, GateSettings Gate)
{
    /// <summary>Every target the config defines, which graders may name.</summary>
    public IReadOnlyList<string> Defined { get; init; } = [];

    /// <summary>The targets with role: grader, the default grader when there is exactly one.</summary>
    public IReadOnlyList<string> Graders { get; init; } = [];

    /// <summary>The exec and http targets by name with their type's YAML name (a perf suite refuses them).</summary>
    public IReadOnlyDictionary<string, string> Applications { get; init; } = new Dictionary<string, string>();
}
