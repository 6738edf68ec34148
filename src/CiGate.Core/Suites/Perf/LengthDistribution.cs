namespace CiGate.Core.Suites.Perf;

public enum LengthDistribution
{
    Fixed,
    Uniform,
    Normal,
}
