namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>
/// One assertion's outcome. <see cref="Score"/> is in [0, 1]; <see cref="Pass"/> already accounts
/// for the threshold and negation. <see cref="Error"/> is set when the assertion could not be
/// evaluated (a judge reply without a verdict): an error is never a pass. <see cref="Critical"/>
/// marks an assertion whose failure fails the gate whatever base did (`critical: true`; canary
/// and pii by default).
/// </summary>
public sealed record AssertionResult(string Type, string? Metric, bool Pass, double Score, double Weight, string Reason, bool Error = false)
{
    public bool Critical { get; init; }
}
