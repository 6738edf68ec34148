namespace CiGate.Core.Reporting;

/// <summary>One changed prompt: its id, a note (added, removed, too long) and the diff as a code block of the format.</summary>
internal sealed record PromptDiffRow(string Prompt, string Note, string Diff);
