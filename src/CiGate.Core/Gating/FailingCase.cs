using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Reporting;
using CiGate.Core.Results;

namespace CiGate.Core.Gating;

/// <summary>
/// A test case that failed on head, as every report names it: the case, its target, where it
/// stands, whether it is critical, and the failing assertion with its reason (raw text; each
/// output escapes and cuts it).
/// </summary>
public sealed record FailingCase(string Suite, string Target, string Id, string Case, CaseStatus Status, bool Critical, string Reason, double BaseRate, double HeadRate)
{
    /// <summary>An unreviewed (drafted) case: listed as "…, unreviewed", never gating.</summary>
    public bool Unreviewed { get; init; }

    /// <summary>
    /// "newly failing", "still failing", "flaky", or "critical" for a case whose only failure is a
    /// critical assertion a threshold let pass; a single run (no base) says "failing".
    /// </summary>
    public string Label => Status switch
    {
        CaseStatus.NewlyFailing => "newly failing",
        CaseStatus.StillFailing => double.IsNaN(BaseRate) ? "failing" : "still failing", // NaN: a run alone, or a suite new in head
        CaseStatus.Flaky => "flaky",
        _ => "critical",
    };

    /// <summary>One console line: sanitised (no control characters or line breaks) and cut.</summary>
    public string Line() => $"{Cells.Status}: {Cells.Where}: {Cells.Case} [{Cells.Id}]: {Cells.Reason}";

    /// <summary>
    /// The line's parts, sanitised and cut as in <see cref="Line"/> (the console's table of failing cases).
    /// </summary>
    public (string Status, string Where, string Case, string Id, string Reason) Cells =>
        ($"{Label}{(Critical && Status != CaseStatus.StillPassing ? ", critical" : "")}"
            + (Unreviewed ? ", unreviewed" : ""),
         TextSanitizer.Excerpt($"{Suite} on {Target}", 120), TextSanitizer.Excerpt(Case, 120),
         TextSanitizer.Excerpt(Id, 120), TextSanitizer.Excerpt(Reason, 200));

    /// <summary>
    /// The cases failing in one run of test-case suites (`cigate run`, no base): failing on every
    /// repeat first, then flaky, then passing cases with a critical failure, by suite and case id.
    /// </summary>
    public static IReadOnlyList<FailingCase> InRun(RunResults results, IReadOnlyList<ItemRecord> items)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(items);
        var bySuite = items.ToLookup(r => (r.Suite, r.Target));
        var found = new List<(int Index, FailingCase Case)>();
        foreach (var (suite, index) in results.Suites.Select((s, i) => (s, i)).Where(x => GateModes.HasCases(x.s.Kind)))
        {
            var primary = suite.Gate?.Metric ?? suite.Metrics.Keys.FirstOrDefault() ?? "";
            foreach (var c in CaseResult.Fold(bySuite[(suite.Suite, suite.Target)], primary).Values.Where(c => c.Rate < 1 || c.CriticalFailure is not null))
            {
                var status = c.Rate == 0 ? CaseStatus.StillFailing : c.Flaky ? CaseStatus.Flaky : CaseStatus.StillPassing;
                var critical = !c.Unreviewed
                    && (c.CriticalFailure is not null || (suite.Gate?.Critical == true && c.Rate < 1));
                var reason = c.CriticalFailure ?? c.Failure ?? "no reason recorded";
                found.Add((index, new FailingCase(
                    suite.Suite, suite.Target, c.Id, c.Case, status, critical, reason, double.NaN, c.Rate)
                {
                    Unreviewed = c.Unreviewed,
                }));
            }
        }

        return [.. found.OrderBy(x => Rank(x.Case.Status)).ThenBy(x => x.Case.Critical ? 0 : 1).ThenBy(x => x.Index).ThenBy(x => x.Case.Id, StringComparer.Ordinal).Select(x => x.Case)];
    }

    /// <summary>
    /// Every case of the gate's suites that failed on head, newly failing first, then still
    /// failing, then flaky (critical ones first within each), then by suite order and case id.
    /// </summary>
    public static IReadOnlyList<FailingCase> Of(IEnumerable<SuiteVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        return [.. verdicts
            .SelectMany((v, index) => v.Suite.CaseOutcomes
                .Where(o => o.Status is CaseStatus.NewlyFailing or CaseStatus.StillFailing or CaseStatus.Flaky || o.CriticalFailure is not null)
                .Select(o => (Index: index, Case: new FailingCase(
                    v.Suite.Suite, v.Suite.Target, o.Id, o.Case, o.Status, CaseGate.IsCritical(o, v.Settings),
                    o.CriticalFailure ?? o.Failure ?? "no reason recorded", o.NewInHead ? double.NaN : o.BaseRate,
                    o.HeadRate)
                {
                    Unreviewed = o.Unreviewed,
                })))
            .OrderBy(x => Rank(x.Case.Status))
            .ThenBy(x => x.Case.Critical ? 0 : 1)
            .ThenBy(x => x.Index)
            .ThenBy(x => x.Case.Id, StringComparer.Ordinal)
            .Select(x => x.Case)];
    }

    private static int Rank(CaseStatus status) => status switch
    {
        CaseStatus.NewlyFailing => 0,
        CaseStatus.StillFailing => 1,
        CaseStatus.Flaky => 2,
        _ => 0, // passing on head, but a critical assertion failed: as urgent as a new failure
    };
}
