namespace CiGate.Core.Suites.Perf;

/// <summary>slo-search: double the load from <see cref="Start"/> until an SLO breaks (or <see cref="Max"/>), then bisect <see cref="Steps"/> times.</summary>
public sealed record SloSearchSpec(bool ByConcurrency, double Start, double Max, int Steps)
{
    public static SloSearchSpec Default { get; } = new(false, 1, 1024, 4);
}
