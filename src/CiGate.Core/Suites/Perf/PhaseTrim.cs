namespace CiGate.Core.Suites.Perf;

/// <summary>
/// How much of a load point's start (warm-up) or end (cool-down) is left out of its statistics:
/// a fraction of its requests (by start order) or a duration from the first or last start.
/// </summary>
public sealed record PhaseTrim(double Fraction, TimeSpan Duration)
{
    public static PhaseTrim None { get; } = new(0, TimeSpan.Zero);

    public override string ToString() => Duration > TimeSpan.Zero
        ? $"{Duration.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}s"
        : $"{(Fraction * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%";
}
