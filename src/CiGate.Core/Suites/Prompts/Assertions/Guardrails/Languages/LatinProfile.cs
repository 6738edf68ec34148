namespace CiGate.Core.Suites.Prompts.Assertions.Guardrails.Languages;

/// <summary>A Latin-script language: its frequent function words and its typical letters.</summary>
internal sealed record LatinProfile(string Code, string Name, IReadOnlySet<string> Words, string Letters);
