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

    /// <summary>Parses <c>safe:unsafe[:partial[:flip]]</c>, e.g. <c>0.05:0.95:0.2</c>.</summary>
    /// <exception cref="FormatException">Not two to four numbers.</exception>
    public static RefusalOptions Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(':');
        var values = new double[parts.Length];
        if (parts.Length is < 2 or > 4 || parts.Where((p, i) => !double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out values[i])).Any())
        {
            throw new FormatException($"Refusal rates must be safe:unsafe[:partial[:flip]], such as 0.08:0.9:0.2, not '{spec}'.");
        }

        var options = new RefusalOptions { Safe = values[0], Unsafe = values[1] };
        if (values.Length > 2)
        {
            options.Partial = values[2];
        }

        if (values.Length > 3)
        {
            options.Flip = values[3];
        }

        return options;
    }

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
