namespace CiGate.GitHub.Artifacts;

/// <summary>
/// Bounds on what extracting an artifact may write, against zip bombs. The defaults hold any real
/// results or history artifact with room to spare: a 12k-item run's items.jsonl is tens of MB and
/// compresses 5-20 to 1. <see cref="MaxRatio"/> applies once more than <see cref="RatioFloorBytes"/>
/// were written, so small, very repetitive files never trip it.
/// </summary>
public sealed record ZipLimits(long MaxBytes, int MaxEntries, double MaxRatio)
{
    public const long RatioFloorBytes = 16L << 20;

    public static readonly ZipLimits Default = new(1L << 30, 100_000, 200);
}
