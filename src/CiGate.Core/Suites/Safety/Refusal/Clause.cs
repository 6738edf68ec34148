namespace CiGate.Core.Suites.Safety.Refusal;

/// <summary>One clause: its lower-cased text (quotations blanked), its word count and whether it is a list item.</summary>
internal readonly record struct Clause(string Text, int Words, bool ListItem);
