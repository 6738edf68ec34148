namespace CiGate.Core.Config;

/// <summary>`simulator: { refusal: { safe, unsafe, partial, flip } }`: refusal rates for labelled (XSTest) prompts.</summary>
public sealed record SimulatorRefusal(double Safe, double Unsafe, double Partial, double Flip);
