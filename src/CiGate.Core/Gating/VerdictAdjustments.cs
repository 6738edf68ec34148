using CiGate.Core.Comparing;
using CiGate.Core.Config;

namespace CiGate.Core.Gating;

/// <summary>
/// What can change a suite's verdict after its metrics and cases decided it (<see cref="Gate"/>): a
/// changed definition, a budget stop, a change of served identity, the pairwise judge and the grader's
/// agreement with people. Each takes the verdict so far and returns it, possibly inconclusive or
/// failed, with its reason.
/// </summary>
internal static class VerdictAdjustments
{
    /// <summary>
    /// A suite a budget cut short is inconclusive, never pass or warn: the samples not run could
    /// have failed. A fail found on the samples that did run stays a fail.
    /// </summary>
    public static (Verdict, List<string>) WithBudgetStop(
        (Verdict Verdict, List<string> Reasons) decided, string? stop) =>
        stop is null ? decided
        : decided.Verdict == Verdict.Fail ? (Verdict.Fail, [.. decided.Reasons, stop])
        : (Verdict.Inconclusive, [stop, .. decided.Reasons]);

    public static (Verdict, List<string>) WithDefinitionChange(
        (Verdict Verdict, List<string> Reasons) decided, DefinitionChange? change)
    {
        if (change is null)
        {
            return decided;
        }

        var summary = change.Summary.Length > 0 ? change.Summary : string.Join(", ", change.What);
        var line = change.KeysKnown ? $"definition changed: {summary}" : summary;
        return change.Policy switch
        {
            DefinitionChangePolicy.Fail => (Verdict.Fail, [$"{line} (on_definition_change: fail)", .. decided.Reasons]),
            DefinitionChangePolicy.Warn when decided.Verdict == Verdict.Pass => (Verdict.Warn, [$"{line} (on_definition_change: warn)", .. decided.Reasons]),
            DefinitionChangePolicy.Warn => (decided.Verdict, [.. decided.Reasons, $"{line} (on_definition_change: warn)"]),
            _ => (decided.Verdict, [.. decided.Reasons, $"{line} (accepted)"]),
        };
    }

    /// <summary>
    /// A served identity that changed without being declared makes the comparison invalid: the
    /// suite is inconclusive whatever the paired statistics said, and the change is named first.
    /// </summary>
    public static (Verdict, List<string>) WithIdentityChange(
        (Verdict Verdict, List<string> Reasons) decided, IdentityChange? change) =>
        change switch
        {
            null => decided,
            { Declared: true } => (decided.Verdict, [.. decided.Reasons, change.Reason]),
            _ => (Verdict.Inconclusive, [change.Reason, .. decided.Reasons]),
        };

    /// <summary>
    /// The pairwise judge's part (docs/pairwise.md): a judge error, or a judge below
    /// `min_agreement` with the labels, makes the suite inconclusive (a fail found otherwise stays);
    /// a corrected win rate whose interval lies below `min_win_rate` fails it.
    /// </summary>
    public static (Verdict, List<string>) WithPairwise(
        (Verdict Verdict, List<string> Reasons) decided, Comparing.Pairwise.PairwiseComparison? pairwise)
    {
        if (pairwise is null)
        {
            return decided;
        }

        var (verdict, reasons) = decided;
        var family = pairwise.FamilyWarning is { } warning ? [$"pairwise: {warning}"] : new List<string>();
        if (pairwise.Error is { } error)
        {
            return verdict == Verdict.Fail
                ? (verdict, [.. reasons, $"pairwise: {error}"])
                : (Verdict.Inconclusive, [$"pairwise: {error}", .. reasons]);
        }

        if (pairwise.AgreementCheck is { Met: false } untrusted)
        {
            return verdict == Verdict.Fail
                ? (verdict, [.. reasons, $"pairwise: {untrusted.Reason}", .. family])
                : (Verdict.Inconclusive, [$"pairwise: {untrusted.Reason}", .. reasons, .. family]);
        }

        var agreed = pairwise.AgreementCheck is { } check ? [$"pairwise: {check.Reason}"] : new List<string>();
        if (pairwise.Gate is { Passed: false } failed)
        {
            return (Verdict.Fail, [$"pairwise: {failed.Reason}", .. reasons, .. agreed, .. family]);
        }

        var passed = pairwise.Gate is { } gate ? [$"pairwise: {gate.Reason}"] : new List<string>();
        return (verdict, [.. reasons, .. passed, .. agreed, .. family]);
    }

    /// <summary>
    /// `grader_labels:` (docs/prompt-suites.md): a grader agreeing with people on less than
    /// `min_agreement`, or with no labelled case graded, is not trusted, so its pass cannot be: the
    /// suite is inconclusive (a failure found otherwise stays a failure). A trusted grader adds its line.
    /// </summary>
    public static (Verdict, List<string>) WithGraderAgreement(
        (Verdict Verdict, List<string> Reasons) decided, GraderAgreement? agreement)
    {
        if (agreement is null)
        {
            return decided;
        }

        var (verdict, reasons) = decided;
        var line = $"grader_labels: {agreement.Reason}";
        if (agreement.Trusted)
        {
            return (verdict, [.. reasons, line]);
        }

        return verdict == Verdict.Fail ? (verdict, [.. reasons, line]) : (Verdict.Inconclusive, [line, .. reasons]);
    }
}
