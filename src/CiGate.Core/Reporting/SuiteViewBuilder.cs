using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Reporting;

/// <summary>One suite gate as a <see cref="SuiteView"/> of one format, with every row it has.</summary>
internal static class SuiteViewBuilder
{
    public static SuiteView Build(SuiteVerdict verdict, string displayName, ReportContext context)
    {
        var format = context.Format;
        var suite = verdict.Suite;
        var gated = verdict.Gated;
        var groups = suite.Groups.OrderBy(g => g.Group, StringComparer.Ordinal).ToList();
        var flips = suite.Flips
            .OrderByDescending(f => f.Regressed)
            .ThenBy(f => f.Item, Text.NaturalOrder.Instance)
            .Select(f => Flip(f, format))
            .ToList();
        var regressions = flips.Count(f => f.Regressed);
        var flipSummary = FlipSummary(suite, gated);
        var notes = Notes(suite);
        var health = new[] { Health("base", suite.BaseCounts, verdict.Settings), Health("head", suite.HeadCounts, verdict.Settings) };
        var failing = FailingCase.Of([verdict]);
        var failures = failing.Select(f => Failure(f, format)).ToList();
        var view = new SuiteView(
            format.Name(suite.Suite),
            format.Name(suite.Target),
            format.Name(suite.Kind),
            format.Name($"{suite.Suite} on {suite.Target}"),
            format.Name("cigate." + suite.Suite),
            VerdictStyle.Word(verdict.Verdict),
            VerdictStyle.Emoji(verdict.Verdict),
            VerdictStyle.Color(verdict.Verdict),
            format.Sentence(Headline.Suite(verdict, displayName)),
            format.Name(gated?.Metric ?? verdict.Settings.Metric ?? ReportNumbers.NotAvailable),
            format.Name(gated?.Method ?? ReportNumbers.NotAvailable),
            gated is null ? ReportNumbers.NotAvailable : ReportNumbers.Count(gated.N),
            gated is null ? ReportNumbers.NotAvailable : ReportNumbers.Points(gated.Base),
            gated is null ? ReportNumbers.NotAvailable : ReportNumbers.Points(gated.Head),
            gated is null ? ReportNumbers.NotAvailable : ReportNumbers.Delta(gated.Delta),
            gated is null ? ReportNumbers.NotAvailable : ReportNumbers.Interval(gated),
            format.Text(gated is null ? ReportNumbers.NotAvailable : ReportNumbers.PValue(Headline.PValue(gated))),
            [.. verdict.Reasons.Select(format.Sentence)],
            [.. notes.Select(format.Sentence)],
            format.Sentence(flipSummary),
            suite.GroupBy is not null,
            format.Name(suite.GroupBy ?? "group"),
            [.. groups.Select(g => Group(g, format))],
            groups.Count,
            "",
            flips,
            flips.Count,
            regressions,
            flips.Count - regressions,
            "",
            health,
            format.Charts ? ChartBuilder.Build(verdict, groups, format) : null,
            [.. Details(verdict, flipSummary, notes, health, context).Select(format.Sentence)])
        {
            PromptDiffs = [.. suite.PromptChanges.Select(p => new PromptDiffRow(format.Name(p.Prompt), format.Sentence(p.Note), p.Diff is null ? "" : format.CodeBlock(p.Diff, "diff")))],
            Failures = failures,
            FailuresTotal = failures.Count,
            FailuresSummary = FailuresSummary(failing),
            CaseTests = ReferenceEquals(format, ReportFormat.Xml) ? CaseTests(verdict, format) : [],
            Pairwise = PairwiseViewBuilder.Build(suite, format),
            Grader = GraderAgreementView.Build(suite, format),
        };
        return Suites.SuiteKinds.For(suite.Kind).View(view, suite, format);
    }

    private static FailureRow Failure(FailingCase failing, ReportFormat format) => new(
        failing.Unreviewed ? 2 : failing.Critical || failing.Status == CaseStatus.NewlyFailing ? 0
            : failing.Status == CaseStatus.StillFailing ? 1 : 2,
        failing.Unreviewed ? $"{failing.Label}, unreviewed" : failing.Label,
        failing.Critical ? "🚨" : failing.Status switch
        {
            CaseStatus.NewlyFailing => "❌",
            CaseStatus.Flaky => "〰️",
            _ => "✖️",
        },
        failing.Critical,
        format.Output(failing.Case),
        format.Text(failing.Id),
        format.Name(failing.Target),
        format.Output(failing.Reason),
        ReportNumbers.Percent(failing.BaseRate),
        ReportNumbers.Percent(failing.HeadRate));

    private static string FailuresSummary(IReadOnlyList<FailingCase> failing) =>
        failing.Count == 0
            ? ""
            : $"{failing.Count(f => f.Status == CaseStatus.NewlyFailing)} newly failing, {failing.Count(f => f.Status == CaseStatus.StillFailing)} still failing, "
                + $"{failing.Count(f => f.Status == CaseStatus.Flaky)} flaky, {failing.Count(f => f.Critical)} critical";

    private static List<CaseTestRow> CaseTests(SuiteVerdict verdict, ReportFormat format)
    {
        var suite = verdict.Suite;
        return [.. suite.CaseOutcomes.OrderBy(o => o.Id, Text.NaturalOrder.Instance).Select(o =>
        {
            var critical = CaseGate.IsCritical(o, verdict.Settings);
            // An unreviewed (drafted) case never gates, so it is no JUnit failure either; its output names it.
            var failed = !o.Unreviewed && (critical || o.Status is CaseStatus.NewlyFailing or CaseStatus.StillFailing);
            var type = critical ? "critical" : o.Status switch
            {
                CaseStatus.NewlyFailing => "newly-failing",
                CaseStatus.StillFailing => "still-failing",
                CaseStatus.Flaky => "flaky",
                _ => "",
            };
            var reason = o.CriticalFailure ?? o.Failure ?? "";
            var output = o.Status == CaseStatus.Flaky
                ? $"flaky: passed {(o.NewInHead ? "n/a" : ReportNumbers.Percent(o.BaseRate))} of repeats on base, {ReportNumbers.Percent(o.HeadRate)} on head; a failing repeat: {reason}; case: {o.Case}"
                : $"case: {o.Case}";
            output = o.Unreviewed ? $"unreviewed (never gates): {output}" : output;
            return new CaseTestRow(
                format.Name($"cigate.{suite.Suite}.cases"),
                $"{format.Name(o.Id)} on {format.Name(suite.Target)}",
                failed,
                type,
                format.Sentence(failed ? reason : ""),
                format.Sentence(output));
        })];
    }

    private static FlipRow Flip(FlippedItem flip, ReportFormat format) => new(
        format.Text(flip.Item),
        format.Output(flip.Question),
        format.Text(flip.Group),
        format.Text(flip.Reference),
        // A prompt case's "answer" is its verdict with the failed assertion's reason: worth a longer excerpt.
        format.Output(flip.BaseAnswer),
        format.Output(flip.HeadAnswer),
        flip.Regressed,
        flip.Flaky ? "flaky" : flip.Regressed ? "regressed" : "fixed",
        flip.Flaky ? "〰️" : flip.Regressed ? "🔻" : "🔺",
        format.Reply(flip.Regressed ? flip.HeadOutput : flip.BaseOutput),
        format.Reply(flip.BaseOutput),
        format.Reply(flip.HeadOutput));

    private static GroupRow Group(GroupComparison group, ReportFormat format) => new(
        format.Name(group.Group),
        ReportNumbers.Count(group.Metric.N),
        ReportNumbers.Points(group.Metric.Base),
        ReportNumbers.Points(group.Metric.Head),
        ReportNumbers.Delta(group.Metric.Delta),
        ReportNumbers.Interval(group.Metric));

    private static string FlipSummary(SuiteComparison suite, MetricComparison? gated) =>
        suite.Pairing != Pairing.Paired || gated is null || gated.N == 0
            ? ""
            : $"Flip rate (b + c)/n = {ReportNumbers.Percent(gated.FlipRate)}: {gated.Regressions} regressed and {gated.Improvements} fixed of {gated.N} paired items.";

    /// <summary>"completion tokens 58 → 61 (+5%)"; "… 58 (same)" when equal; no percentage from zero.</summary>
    private static string Change(string what, double before, double after, string format, string unit = "")
    {
        var b = before.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        var a = after.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        if (b == a)
        {
            return $"{what} {a}{unit} (same)";
        }

        var percent = before > 0 ? $" ({((after / before) - 1) * 100:+0;-0;0}%)".Replace("(+0%)", "(<1%)", StringComparison.Ordinal).Replace("(-0%)", "(<1%)", StringComparison.Ordinal) : "";
        return $"{what} {b}{unit} → {a}{unit}{percent}";
    }

    private static List<string> Notes(SuiteComparison suite)
    {
        var notes = new List<string>();
        var changes = string.Join(", ", suite.Changes);
        if (suite.Pairing == Pairing.Unpaired)
        {
            notes.Add(changes.Length > 0
                ? $"Compared unpaired: {changes}. Means are compared as independent samples, so there are no per-item flips."
                : "Compared unpaired. Means are compared as independent samples, so there are no per-item flips.");
        }
        else if (changes.Length > 0)
        {
            notes.Add($"Changed between the runs: {changes}.");
        }

        if (!string.Equals(suite.BaseModel, suite.HeadModel, StringComparison.Ordinal))
        {
            notes.Add($"Model: {suite.BaseModel} (base), {suite.HeadModel} (head).");
        }

        if (suite.Usage is { } u)
        {
            notes.Add($"Per sample: {Change("completion tokens", u.BaseCompletionTokens, u.HeadCompletionTokens, "0")}, "
                + $"{Change("prompt tokens", u.BasePromptTokens, u.HeadPromptTokens, "0")}, "
                + $"{Change("latency p50", u.BaseLatencyP50Ms, u.HeadLatencyP50Ms, Math.Max(u.BaseLatencyP50Ms, u.HeadLatencyP50Ms) switch { < 10 => "0.##", < 100 => "0.#", _ => "0" }, " ms")}.");
            if (CostDelta.Line(u) is { } cost)
            {
                notes.Add($"Suite cost: {cost}.");
            }
        }

        if (suite.Cases is { } c)
        {
            notes.Add($"Cases: {c.NewlyFailing} newly failing, {c.NewlyPassing} newly passing, {c.Flaky} flaky (mixed results across repeats), {c.StillFailing} still failing, {c.StillPassing} still passing.");
        }

        if (suite.BaseOnlyItems + suite.HeadOnlyItems + suite.PromptMismatches > 0)
        {
            notes.Add($"Left out of the pairing: {suite.BaseOnlyItems} items only in base, {suite.HeadOnlyItems} only in head, {suite.PromptMismatches} with a different prompt.");
        }

        return notes;
    }

    private static HealthRow Health(string side, SideCounts counts, GateSettings settings) => new(
        side,
        ReportNumbers.Count(counts.Samples),
        ReportNumbers.Count(counts.Completed),
        ReportNumbers.Count(counts.Errored),
        ReportNumbers.Count(counts.Missing),
        ReportNumbers.Count(counts.Invalid),
        ReportNumbers.Percent(counts.ErrorRate),
        ReportNumbers.Percent(settings.MaxErrorRate),
        counts.ErrorRate > settings.MaxErrorRate,
        ReportNumbers.Percent(counts.InvalidRate),
        ReportNumbers.Percent(settings.MaxInvalidRate),
        counts.InvalidRate > settings.MaxInvalidRate);

    private static IEnumerable<string> Details(
        SuiteVerdict verdict, string flipSummary, List<string> notes, HealthRow[] health, ReportContext context)
    {
        var gated = verdict.Gated;
        var settings = verdict.Settings;
        yield return $"verdict: {VerdictStyle.Word(verdict.Verdict)}";
        if (gated is not null)
        {
            yield return $"metric: {gated.Metric} ({gated.Method}, n={gated.N})";
            yield return $"base {ReportNumbers.Points(gated.Base)}, head {ReportNumbers.Points(gated.Head)}, "
                + $"delta {ReportNumbers.Delta(gated.Delta)} pts, {context.ConfidenceLabel} {ReportNumbers.Interval(gated)}, "
                + $"{ReportNumbers.PClause(Headline.PValue(gated))}{context.AdjustmentClause}";
        }

        if (verdict.Mode == GateMode.Cases && verdict.Suite.Cases is not null)
        {
            yield return $"gate: case by case (mode cases): more than {settings.MaxNewlyFailing ?? 0} newly failing and any critical failure fail; still failing and flaky cases warn"
                + (settings.Critical ? "; the suite is critical" : "")
                + (settings.Min is { } floor ? $", min {floor:0.0##}" : "");
        }
        else
        {
            yield return $"gate: max drop {settings.MaxDrop:0.0##} pts, warn drop {settings.WarnDrop:0.0##} pts, alpha {settings.Alpha:0.0##}"
                + (settings.Min is { } min ? $", min {min:0.0##}" : "")
                + (settings.WarnMin is { } warnMin ? $", warn min {warnMin:0.0##}" : "");
        }
        if (flipSummary.Length > 0)
        {
            yield return flipSummary;
        }

        foreach (var note in notes)
        {
            yield return note;
        }

        foreach (var row in health)
        {
            yield return $"{row.Side}: {row.Samples} samples, {row.Errored} errored, {row.Missing} missing "
                + $"(error rate {row.ErrorRate}, max {row.ErrorLimit}), invalid rate {row.InvalidRate} (max {row.InvalidLimit})";
        }

        foreach (var reason in verdict.Reasons)
        {
            yield return "reason: " + reason;
        }
    }
}
