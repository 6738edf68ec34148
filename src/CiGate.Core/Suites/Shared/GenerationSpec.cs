namespace CiGate.Core.Suites.Shared;

/// <summary>Decoding settings; a null temperature means the target's (0 by default).</summary>
public sealed record GenerationSpec(int MaxTokens, IReadOnlyList<string> Stop, double? Temperature, int Repeats);
