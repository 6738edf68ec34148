using CiGate.Core.Gating;

namespace CiGate.GitHub.Reports;

/// <summary>One suite's verdict and reasons, as gate.json records them.</summary>
public sealed record SuiteOutcome(string Suite, string Target, Verdict Verdict, IReadOnlyList<string> Reasons)
{
    /// <summary>The keys of a changed definition, each placed in the head config where it could be (gate.json's definition_change).</summary>
    public IReadOnlyList<ChangedKey> ChangedKeys { get; init; } = [];
}

/// <summary>One changed key: its text (<c>generation.max_tokens: 512 → 1024</c>) and where the config says it, if found.</summary>
public sealed record ChangedKey(string Text, string? File, int? Line);
