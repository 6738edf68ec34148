namespace CiGate.Core.History.ChangePoints;

/// <summary>
/// Settings of <see cref="EDivisive"/>. A split is kept when its permutation p-value is at most
/// <paramref name="Alpha"/>; each side of a split holds at least <paramref name="MinSegment"/>
/// points. The same seed and series always give the same answer.
/// </summary>
public sealed record EDivisiveOptions(
    double Alpha = 0.01,
    int Permutations = 499,
    int MinSegment = 5,
    int Seed = 20240601,
    int MaxChangePoints = 20);
