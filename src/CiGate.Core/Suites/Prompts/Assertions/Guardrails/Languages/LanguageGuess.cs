namespace CiGate.Core.Suites.Prompts.Assertions.Guardrails.Languages;

/// <summary>The identified language (ISO 639-1), or null; <see cref="TooShort"/> when there was too little text to tell.</summary>
internal readonly record struct LanguageGuess(string? Code, bool TooShort);
