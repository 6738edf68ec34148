namespace CiGate.Core.Suites.Safety;

/// <summary>One rate (compliance on safe prompts, over-refusal, refusal on unsafe prompts) for a scope (overall or a type).</summary>
public sealed record SafetyRateChange(string Scope, string Metric, int N, double? Base, double Head, double HeadLow, double HeadHigh);
