using System.Globalization;
using CiGate.Core.Comparing;
using CiGate.Core.Gating;
using Spectre.Console;

namespace CiGate.Cli.Output;

/// <summary>
/// The console view of a gate: one line per suite, every failing test case, then where the reports
/// are. At a terminal (<see cref="Terminal"/>) verdicts are coloured and failing cases form a table;
/// redirected output stays the plain lines CI logs and scripts read.
/// </summary>
internal static class VerdictPrinter
{
    /// <summary>Failing cases printed at most; the reports list them all.</summary>
    public const int MaxCases = 200;

    /// <summary>Every failing test case on its own line (up to <see cref="MaxCases"/>), or nothing when none failed.</summary>
    public static void PrintFailingCases(TextWriter w, IReadOnlyList<FailingCase> cases, string order)
    {
        if (cases.Count == 0)
        {
            return;
        }

        w.WriteLine($"failing cases ({cases.Count}, {order}):");
        if (Terminal.Styled(w) is { } styled)
        {
            styled.Write(CaseTable(cases.Take(MaxCases)));
        }
        else
        {
            foreach (var failing in cases.Take(MaxCases))
            {
                w.WriteLine($"  {failing.Line()}");
            }
        }

        if (cases.Count > MaxCases)
        {
            w.WriteLine($"  and {cases.Count - MaxCases} more");
        }
    }

    /// <summary>The failing cases as a table: status (coloured), suite, case and id, the failing assertion.</summary>
    private static Table CaseTable(IEnumerable<FailingCase> cases)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey)
            .AddColumn("status").AddColumn("suite").AddColumn("case").AddColumn("reason");
        foreach (var c in cases)
        {
            var cells = c.Cells;
            var colour = c.Status switch
            {
                CaseStatus.NewlyFailing => Color.Red,
                CaseStatus.StillFailing => Color.Maroon,
                CaseStatus.Flaky => Color.Yellow,
                _ => Color.Fuchsia,
            };
            table.AddRow(
                new Text(cells.Status, new Style(colour, decoration: Decoration.Bold)),
                new Text(cells.Where),
                new Rows(new Text(cells.Case), new Text(cells.Id, Color.Grey)),
                new Text(cells.Reason));
        }

        return table;
    }

    public static void Print(TextWriter w, GateResult result, string folder)
    {
        var styled = Terminal.Styled(w);
        w.Write("cigate compare: ");
        Word(w, styled, result.VerdictName);
        w.WriteLine();
        if (result.NoBase is { } noBase)
        {
            w.WriteLine($"  no base results: {noBase.Reason}{(noBase.Required ? " (a base is required, so the verdict is inconclusive)" : " (not required, so nothing was gated)")}");
        }

        foreach (var suite in result.Suites)
        {
            var m = suite.Gated;
            var numbers = m is null ? "" : string.Create(CultureInfo.InvariantCulture, $"  {m.Metric}: {m.Base * 100:0.0}% -> {m.Head * 100:0.0}% ({m.Delta * 100:+0.0;-0.0;0.0} pts, {Interval(m)}, {P(m.PAdjusted)}, flips {m.Regressions}/{m.Improvements})");
            var verdict = suite.Verdict.ToString().ToLowerInvariant();
            w.Write("  ");
            Word(w, styled, verdict);
            w.WriteLine($"{new string(' ', Math.Max(1, 13 - verdict.Length))}{suite.Suite.Suite} on {suite.Suite.Target}{numbers}");
            foreach (var reason in suite.Reasons)
            {
                w.WriteLine($"               - {reason}");
            }

            if (suite.Suite.Usage is { } usage && Core.Reporting.CostDelta.Line(usage) is { } cost)
            {
                w.WriteLine($"               cost: {cost}");
            }
        }

        PrintFailingCases(w, FailingCase.Of(result.Suites), "newly failing first");
        w.WriteLine($"reports: {folder}");
    }

    /// <summary>A verdict word, in its colour at a terminal.</summary>
    private static void Word(TextWriter w, IAnsiConsole? styled, string verdict)
    {
        if (styled is null)
        {
            w.Write(verdict);
        }
        else
        {
            styled.Write(new Text(verdict, Terminal.VerdictStyle(verdict)));
        }
    }

    /// <summary>"95% CI [-1.2, +3.4]" (points, as in the comment), or "no item changed" where it would be a zero-width [0.0, 0.0].</summary>
    private static string Interval(CiGate.Core.Comparing.MetricComparison m) =>
        m is { Regressions: 0, Improvements: 0, CiLow: 0, CiHigh: 0 }
            ? "no item changed"
            : string.Create(CultureInfo.InvariantCulture, $"95% CI [{m.CiLow * 100:+0.0;-0.0;0.0}, {m.CiHigh * 100:+0.0;-0.0;0.0}]");

    /// <summary>"p=0.031", "p<0.001" (never "p=0"), "p n/a".</summary>
    private static string P(double p) =>
        !double.IsFinite(p) ? "p n/a" : p < 0.001 ? "p<0.001" : string.Create(CultureInfo.InvariantCulture, $"p={p:0.###}");
}
