using CiGate.Core.Comparing;
using CiGate.Core.Config;

namespace CiGate.Core.Gating;

/// <summary>
/// The gate of a test-case suite (<see cref="GateMode.Cases"/>): each case is an expectation, like
/// a unit test, so one case that passed on base and fails on head is a regression in itself. More
/// newly failing cases than max_newly_failing (default 0) fail the suite, as does any critical
/// failure on head (a critical assertion such as canary or pii, a `critical: true` case, or any
/// failing case of a `critical: true` suite), whatever base did. Cases failing on both sides and
/// flaky cases (mixed results across repeats on either side) warn: they are named, and a flaky
/// case is never called newly failing. Any kind whose comparison carries case outcomes gets this.
/// Unreviewed cases (`unreviewed: true`, drafted from traffic) never gate: they are listed, not decided on.
/// </summary>
public static class CaseGate
{
    /// <summary>Cases named in one reason; the reports list every one.</summary>
    private const int NamesPerReason = 3;

    public static void Decide(SuiteComparison suite, GateSettings gate, List<string> fail, List<string> warn, List<string> pass)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(gate);
        var outcomes = suite.CaseOutcomes.Where(o => !o.Unreviewed).ToList();
        var critical = outcomes.Where(o => IsCritical(o, gate)).ToList();
        var newly = outcomes.Where(o => o.Status == CaseStatus.NewlyFailing && !IsCritical(o, gate)).ToList();
        var still = outcomes.Where(o => o.Status == CaseStatus.StillFailing && !IsCritical(o, gate)).ToList();
        var flaky = outcomes.Where(o => o.Status == CaseStatus.Flaky && !IsCritical(o, gate)).ToList();
        var allowed = gate.MaxNewlyFailing ?? 0;
        Critical(suite, gate, fail);

        if (newly.Count > allowed)
        {
            fail.Add($"{Cases(newly.Count)} newly failing (passed on base, failed on head{(allowed > 0 ? $"; at most {allowed} allowed" : "")}): {Names(newly)}");
        }
        else if (newly.Count > 0)
        {
            warn.Add($"{Cases(newly.Count)} newly failing, within max_newly_failing {allowed}: {Names(newly)}");
        }

        if (still.Count > 0)
        {
            warn.Add($"{Cases(still.Count)} failing on base and head: {Names(still)}");
        }

        if (flaky.Count > 0)
        {
            warn.Add($"{Cases(flaky.Count)} flaky (mixed results across repeats): {Names(flaky)}");
        }

        var unreviewed = suite.CaseOutcomes.Count - outcomes.Count;
        if (critical.Count + newly.Count + still.Count + flaky.Count == 0)
        {
            pass.Add(outcomes.Count == 0 && unreviewed > 0
                ? $"{Cases(unreviewed)}, all unreviewed: listed, never gated"
                : $"all {Cases(outcomes.Count)} pass on head"
                    + (unreviewed > 0 ? $" ({unreviewed} unreviewed, not gated)" : ""));
        }
    }

    /// <summary>Critical failures on head fail in either mode: a statistical test must not average a leak away.</summary>
    public static void Critical(SuiteComparison suite, GateSettings gate, List<string> fail)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(fail);
        var critical = suite.CaseOutcomes.Where(o => IsCritical(o, gate)).ToList();
        if (critical.Count > 0)
        {
            fail.Add($"{Cases(critical.Count)} with a critical failure on head: {Names(critical)}");
        }
    }

    /// <summary>A failure on head that fails the gate whatever base did.</summary>
    public static bool IsCritical(CaseOutcome outcome, GateSettings gate)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(gate);
        return !outcome.Unreviewed && (outcome.CriticalFailure is not null || (gate.Critical && outcome.HeadRate < 1));
    }

    private static string Cases(int count) => count == 1 ? "1 case" : $"{count} cases";

    private static string Names(List<CaseOutcome> outcomes) =>
        string.Join(", ", outcomes.Take(NamesPerReason).Select(o => o.Id))
        + (outcomes.Count > NamesPerReason ? $" and {outcomes.Count - NamesPerReason} more" : "");
}
