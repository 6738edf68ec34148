namespace CiGate.Core.Reporting;

/// <summary>
/// Keeps a rendered Markdown report under a size limit by cutting rows from the model, never
/// the text: first flipped items (fixes go before regressions, later suites' rows before earlier ones'),
/// then group rows, then failing test cases (flaky before still failing before newly failing and
/// critical), each cut with a note that points to the full report. It searches for the most rows
/// that fit by rendering, so the result is exact whatever the template.
/// </summary>
internal static class ReportFitter
{
    // No table row renders shorter than this, so more rows than limit / MinRowLength never fit.
    private const int MinRowLength = 20;

    public static string Fit(ReportModel full, Func<ReportModel, string> render, Func<string, int> measure, int limit, int maxFlipRows = int.MaxValue, int maxFailureRows = int.MaxValue)
    {
        if (full.Suites.Sum(s => s.Failures.Count) > maxFailureRows)
        {
            full = KeepFailures(full, maxFailureRows);
        }

        // Past a few hundred rows a flip table informs no reviewer and only slows the search below;
        // the full list is in the HTML report.
        if (full.Suites.Sum(s => s.Flips.Count) > maxFlipRows)
        {
            full = KeepFlips(full, maxFlipRows);
        }

        var text = render(full);
        if (measure(text) <= limit)
        {
            return text;
        }

        // The case × target matrix is an overview; the newly failing cases below it matter more.
        if (full.SideBySide.Count > 0)
        {
            full = full with { SideBySide = [] };
            text = render(full);
            if (measure(text) <= limit)
            {
                return text;
            }
        }

        var flips = full.Suites.Sum(s => s.Flips.Count);
        if (Search(Math.Min(flips, limit / MinRowLength), k => render(KeepFlips(full, k)), measure, limit) is { } withFlips)
        {
            return withFlips;
        }

        var noFlips = KeepFlips(full, 0);
        var groups = full.Suites.Sum(s => s.Groups.Count);
        if (Search(Math.Min(groups, limit / MinRowLength), g => render(KeepGroups(noFlips, g)), measure, limit) is { } withGroups)
        {
            return withGroups;
        }

        var noGroups = KeepGroups(noFlips, 0);
        var failures = full.Suites.Sum(s => s.Failures.Count);
        if (Search(Math.Min(failures, limit / MinRowLength), f => render(KeepFailures(noGroups, f)), measure, limit) is { } withFailures)
        {
            return withFailures;
        }

        return Cut(render(KeepFailures(noGroups, 0)), measure, limit, full.FullReportLink);
    }

    // The largest row count in [0, most] whose render fits, or null when none does.
    private static string? Search(int most, Func<int, string> renderWith, Func<string, int> measure, int limit)
    {
        string? best = null;
        int low = 0, high = most;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var text = renderWith(middle);
            if (measure(text) <= limit)
            {
                best = text;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return best;
    }

    private static ReportModel KeepFlips(ReportModel model, int keep)
    {
        // Regressions are what a reviewer needs: every suite's regressions get rows before any fix.
        var regressionsKept = new int[model.Suites.Count];
        var fixesKept = new int[model.Suites.Count];
        for (var i = 0; i < model.Suites.Count && keep > 0; i++)
        {
            regressionsKept[i] = Math.Min(keep, model.Suites[i].Flips.Count(f => f.Regressed));
            keep -= regressionsKept[i];
        }

        for (var i = 0; i < model.Suites.Count && keep > 0; i++)
        {
            fixesKept[i] = Math.Min(keep, model.Suites[i].Flips.Count(f => !f.Regressed));
            keep -= fixesKept[i];
        }

        var suites = model.Suites.Select((suite, i) =>
        {
            var rows = suite.Flips.Where(f => f.Regressed).Take(regressionsKept[i])
                .Concat(suite.Flips.Where(f => !f.Regressed).Take(fixesKept[i]))
                .ToList();
            var left = suite.FlipsTotal - rows.Count;
            return suite with { Flips = rows, FlipsNote = left == 0 ? "" : Note(left, "flipped items", model.FullReportLink) };
        });
        return model with { Suites = [.. suites] };
    }

    private static ReportModel KeepFailures(ReportModel model, int keep)
    {
        // Rank by rank across suites: every suite's new and critical failures before any still failing, flaky last.
        var kept = model.Suites.Select(_ => new HashSet<FailureRow>(ReferenceEqualityComparer.Instance)).ToArray();
        foreach (var rank in model.Suites.SelectMany(s => s.Failures).Select(f => f.Rank).Distinct().Order())
        {
            for (var i = 0; i < model.Suites.Count && keep > 0; i++)
            {
                foreach (var row in model.Suites[i].Failures.Where(f => f.Rank == rank).Take(keep))
                {
                    kept[i].Add(row);
                    keep--;
                }
            }
        }

        var suites = model.Suites.Select((suite, i) =>
        {
            var rows = suite.Failures.Where(kept[i].Contains).ToList();
            var left = suite.FailuresTotal - rows.Count;
            return suite with { Failures = rows, FailuresNote = left == 0 ? "" : Note(left, "failing cases", model.FullReportLink, "and ") };
        });
        return model with { Suites = [.. suites] };
    }

    private static ReportModel KeepGroups(ReportModel model, int keep)
    {
        var suites = model.Suites.Select(suite =>
        {
            var rows = suite.Groups.Take(keep).ToList();
            keep -= rows.Count;
            var left = suite.GroupsTotal - rows.Count;
            return suite with { Groups = rows, GroupsNote = left == 0 ? "" : Note(left, "groups", model.FullReportLink) };
        });
        return model with { Suites = [.. suites] };
    }

    private static string Note(int count, string what, string link, string lead = "") =>
        link.Length == 0
            ? $"{lead}{count} more {what} are in the full report."
            : $"{lead}{count} more {what} are in the full report: {link}";

    // Last resort (hundreds of suites or reasons): cut the text at a line and say where the rest is.
    private static string Cut(string text, Func<string, int> measure, int limit, string link)
    {
        var note = "\n\n" + (link.Length == 0 ? "The report was cut to fit; the rest is in the full report." : "The report was cut to fit; the rest is in the full report: " + link) + "\n";
        // A UTF-8 byte count is never below the character count, so the text's first `limit` characters are an upper bound.
        var end = Math.Min(text.Length, limit);
        while (end > 0 && measure(text[..end] + note) > limit)
        {
            var line = text.LastIndexOf('\n', end - 1);
            end = line < 0 ? 0 : line;
        }

        return text[..end] + note;
    }
}
