namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>How to build one assertion type, and which of the shared keys it accepts.</summary>
internal sealed record AssertionKind(Func<AssertionSpec, IAssertion?> Build, bool Negatable = true, bool UsesThreshold = false, bool UsesGrader = false);
