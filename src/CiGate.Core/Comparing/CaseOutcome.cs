namespace CiGate.Core.Comparing;

/// <summary>
/// One test case of a prompt suite, base versus head: the pass rates over repeats and where it
/// stands (see <see cref="CaseCounts"/>). Reports lay these out case × target, side by side.
/// <see cref="Failure"/> is why the head failed (its first failing repeat: "type: reason"), else
/// why base failed; <see cref="CriticalFailure"/> is a critical assertion's or case's failure on
/// head, which fails the gate whatever base did.
/// </summary>
public sealed record CaseOutcome(string Id, string Case, double BaseRate, double HeadRate, CaseStatus Status)
{
    public string? Failure { get; init; }

    public string? CriticalFailure { get; init; }

    /// <summary>The suite is new in head: there is no base, and <see cref="BaseRate"/> (0) means nothing.</summary>
    public bool NewInHead { get; init; }

    /// <summary>Marked `unreviewed: true` on head (a drafted case): listed, never gated.</summary>
    public bool Unreviewed { get; init; }

    /// <summary>
    /// Flaky: mixed results across repeats on either side, so it is never called newly failing.
    /// Otherwise each side either passed every repeat or failed every one.
    /// </summary>
    public static CaseStatus StatusOf(double baseRate, double headRate) =>
        baseRate is > 0 and < 1 || headRate is > 0 and < 1 ? CaseStatus.Flaky
        : headRate == 0 ? (baseRate > 0 ? CaseStatus.NewlyFailing : CaseStatus.StillFailing)
        : baseRate < 1 ? CaseStatus.NewlyPassing
        : CaseStatus.StillPassing;
}

public enum CaseStatus
{
    NewlyFailing,
    Flaky,
    NewlyPassing,
    StillFailing,
    StillPassing,
}
