namespace CiGate.Core.Comparing;

/// <summary>
/// One test case of a prompt suite, base versus head: the pass rates over repeats and where it
/// stands (see <see cref="CaseCounts"/>). Reports lay these out case × target, side by side.
/// </summary>
public sealed record CaseOutcome(string Id, string Case, double BaseRate, double HeadRate, CaseStatus Status);

public enum CaseStatus
{
    NewlyFailing,
    Flaky,
    NewlyPassing,
    StillFailing,
    StillPassing,
}
