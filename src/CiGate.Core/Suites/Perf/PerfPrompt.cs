namespace CiGate.Core.Suites.Perf;

/// <summary>One request's prompt, its token count by the workload's tokenizer, and the output length asked for.</summary>
internal sealed record PerfPrompt(string Text, int PromptTokens, int OutputTokens);
