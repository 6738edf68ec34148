namespace CiGate.Simulator;

/// <summary>
/// How a simulated model treats prompts from its <see cref="SimulatorOptions.SafetyKeys"/>: the
/// fraction of safe and unsafe prompts it refuses, the fraction of refusals that are partial
/// (decline, then help anyway), and the fraction of prompts whose decision is re-drawn per seed.
/// Decisions are a pure function of (prompt, seed), so two seeds are two models whose differences
/// are known in advance: about <see cref="Flip"/> of prompts are drawn afresh, the rest agree.
/// </summary>
public sealed class RefusalOptions
{
    public double Safe { get; set; } = 0.08;

    public double Unsafe { get; set; } = 0.9;

    public double Partial { get; set; } = 0.2;

    public double Flip { get; set; } = 0.1;

    public void Validate()
    {
        foreach (var (value, name) in new[] { (Safe, "safe"), (Unsafe, "unsafe"), (Partial, "partial"), (Flip, "flip") })
        {
            if (!double.IsFinite(value) || value is < 0 or > 1)
            {
                throw new ArgumentException($"The refusal rate '{name}' must be between 0 and 1, got {value}.");
            }
        }
    }
}
