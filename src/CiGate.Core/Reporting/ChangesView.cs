namespace CiGate.Core.Reporting;

/// <summary>
/// The "Definition changed" block: one entry per suite whose definition, prompt template or
/// dataset changed, with its changed keys, how its items were paired and what the policy did.
/// Already escaped for the report's format.
/// </summary>
internal sealed record DefinitionChangeView(string Title, string Policy, string Effect, string Pairing, IReadOnlyList<string> Keys);

/// <summary>The "No base results" block: why there was none, what that did to the verdict, and how to get one.</summary>
internal sealed record NoBaseView(string Reason, string Effect, IReadOnlyList<string> Fixes);
