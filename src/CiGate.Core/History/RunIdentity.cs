namespace CiGate.Core.History;

/// <summary>
/// Where and when a recorded run came from: the coordinates a release manager asks about
/// ("v1.4", "main", "PR 123"). Every field is optional; a local run may know none of them.
/// </summary>
public sealed record RunIdentity(
    string? Repository = null,
    string? Commit = null,
    string? Branch = null,
    string? Tag = null,
    int? PullRequest = null,
    string? Runner = null,
    string? RunUrl = null,
    string? ReportUrl = null)
{
    /// <summary>Fields set in <paramref name="overrides"/> win; the others keep this identity's values.</summary>
    public RunIdentity With(RunIdentity overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return new RunIdentity(
            overrides.Repository ?? Repository,
            overrides.Commit ?? Commit,
            overrides.Branch ?? Branch,
            overrides.Tag ?? Tag,
            overrides.PullRequest ?? PullRequest,
            overrides.Runner ?? Runner,
            overrides.RunUrl ?? RunUrl,
            overrides.ReportUrl ?? ReportUrl);
    }

    /// <summary>The shortest name a person recognises: the tag, else a short commit, else the branch.</summary>
    public string Label(string runId) =>
        Tag ?? (Commit is { Length: > 0 } c ? c[..Math.Min(7, c.Length)] : null) ?? Branch ?? runId[..Math.Min(8, runId.Length)];
}
