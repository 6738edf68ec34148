using System.Globalization;
using System.Text.Json.Nodes;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// A token count: fixed (<see cref="Mean"/> only), uniform between <see cref="Min"/> and
/// <see cref="Max"/>, or normal (mean, stdev) clipped to [min, max]. Draws are seeded.
/// </summary>
public sealed record LengthSpec(LengthDistribution Distribution, int Mean, double StdDev = 0, int Min = 1, int Max = int.MaxValue)
{
    public static LengthSpec Fixed(int tokens) => new(LengthDistribution.Fixed, tokens, 0, tokens, tokens);

    public int Sample(Random random)
    {
        switch (Distribution)
        {
            case LengthDistribution.Uniform:
                return random.Next(Min, Max + 1);
            case LengthDistribution.Normal:
                // Box-Muller; clipped rather than redrawn so the bounds are exact and the draw count fixed.
                var u1 = 1.0 - random.NextDouble();
                var u2 = random.NextDouble();
                var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                return (int)Math.Clamp(Math.Round(Mean + (StdDev * z)), Min, Max);
            default:
                return Mean;
        }
    }

    public JsonNode Describe() => Distribution == LengthDistribution.Fixed
        ? JsonValue.Create(Mean)
        : new JsonObject
        {
            ["distribution"] = Distribution.ToString().ToLowerInvariant(),
            ["mean"] = Mean,
            ["stdev"] = StdDev,
            ["min"] = Min,
            ["max"] = Max,
        };

    public override string ToString() => Distribution == LengthDistribution.Fixed
        ? Mean.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Distribution.ToString().ToLowerInvariant()}({Min}..{Max})");
}
