namespace CiGate.Core.Gating;

/// <summary>
/// There were no base results to compare with. <see cref="Reason"/> says why (as the caller knew
/// it); <see cref="Required"/> (`--require-base`, the default on pull requests) makes the verdict
/// inconclusive, otherwise the report only says nothing was compared (the action's verdict none).
/// </summary>
public sealed record NoBase(string Reason, bool Required)
{
    /// <summary>How to get a base, in the order most people need them.</summary>
    public static IReadOnlyList<string> Fixes { get; } =
    [
        "Re-run the base branch's workflow (the push that uploads the results artifact): its last run may have failed or been cancelled.",
        "Check the artifact's retention: GitHub deletes artifacts after retention-days (90 by default, often less in an organisation), so an old base commit has none.",
        "Or run the base commit in the same workflow and pass its results as base-results (the recipe \"Run the base commit in the same workflow\" in CiGate's README); examples/workflows/accuracy.yml shows the artifact setup.",
    ];
}
