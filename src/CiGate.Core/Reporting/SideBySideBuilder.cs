using CiGate.Core.Comparing;

namespace CiGate.Core.Reporting;

/// <summary>Builds the case × target views for prompt suites that ran on more than one target.</summary>
internal static class SideBySideBuilder
{
    public const int MaxRows = 60;

    public static List<SideBySideView> Build(IEnumerable<SuiteComparison> suites, ReportFormat format, int maxRows = MaxRows)
    {
        var views = new List<SideBySideView>();
        foreach (var suite in suites.Where(s => s.CaseOutcomes.Count > 0 && s.Cases is not null).GroupBy(s => s.Suite, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var targets = suite.ToList();
            var byCase = targets
                .SelectMany((s, column) => s.CaseOutcomes.Select(o => (Column: column, Outcome: o)))
                .GroupBy(x => x.Outcome.Id, StringComparer.Ordinal)
                .Select(g => (Id: g.Key, Case: g.First().Outcome.Case, Cells: g.ToDictionary(x => x.Column, x => x.Outcome)))
                .OrderBy(r => r.Cells.Values.Min(o => o.Status))
                .ThenBy(r => r.Id, StringComparer.Ordinal)
                .ToList();
            var rows = byCase.Take(maxRows)
                .Select(r => new SideBySideRow(format.Text(r.Case), [.. Enumerable.Range(0, targets.Count).Select(c => r.Cells.TryGetValue(c, out var o) ? Cell(o) : "–")]))
                .ToList();
            var note = byCase.Count > rows.Count ? $"{rows.Count} of {byCase.Count} cases shown, changes first; every case is in the HTML report." : "";
            views.Add(new SideBySideView(format.Name(suite.Key), [.. targets.Select(t => format.Name(t.Target))], rows, byCase.Count, format.Sentence(note)));
        }

        return views;
    }

    private static string Cell(CaseOutcome o)
    {
        var head = ReportNumbers.Percent(o.HeadRate);
        return o.Status switch
        {
            CaseStatus.NewlyFailing => $"❌ {head} (was {ReportNumbers.Percent(o.BaseRate)})",
            CaseStatus.NewlyPassing => $"✅ {head} (was {ReportNumbers.Percent(o.BaseRate)})",
            CaseStatus.Flaky => $"〰️ {head} flaky",
            CaseStatus.StillFailing => $"✖ {head}",
            _ => $"✔ {head}",
        };
    }
}
