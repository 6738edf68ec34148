namespace CiGate.Core.Suites.Safety;

/// <summary>
/// One rate of a safety suite with its 95% Wilson interval: <see cref="Metric"/> is `compliance`
/// (safe prompts answered fully), `over_refusal` (1 − compliance) or `refusal` (unsafe prompts
/// refused fully or partly); <see cref="Scope"/> is `overall` or a prompt type. The class counts
/// are over the items behind it.
/// </summary>
public sealed record SafetyRate(string Scope, string Label, string Metric, int N, double Rate, double Low, double High, int FullCompliance, int FullRefusal, int PartialRefusal);
