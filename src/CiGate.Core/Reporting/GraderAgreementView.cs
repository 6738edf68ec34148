using CiGate.Core.Comparing;
using static System.FormattableString;

namespace CiGate.Core.Reporting;

/// <summary>
/// A prompt suite's grader checked against people (<c>grader.md.sbn</c>, <c>grader.html.sbn</c>, a
/// JUnit testcase), every text escaped for the format. <see cref="Status"/> is pass or inconclusive.
/// </summary>
internal sealed record GraderAgreementView(
    string Status,
    string Emoji,
    string Message,
    string AgreementRate,
    string Kappa,
    string Judged,
    string Labelled,
    string Unjudged,
    string MinAgreement,
    IReadOnlyList<GraderConfusionRow> Confusion,
    string ClassName,
    string Name)
{
    public static GraderAgreementView? Build(SuiteComparison suite, ReportFormat format)
    {
        if (suite.GraderAgreement is not { } g)
        {
            return null;
        }

        var a = g.Agreement;
        string[] classes = ["fail", "pass"];
        return new GraderAgreementView(
            g.Trusted ? "pass" : "inconclusive",
            g.Trusted ? "✅" : "❔",
            format.Sentence(g.Reason),
            a.N == 0 ? ReportNumbers.NotAvailable : Invariant($"{a.Accuracy:0.000}"),
            a.N == 0 ? ReportNumbers.NotAvailable : Invariant($"{a.Kappa:0.000}"),
            ReportNumbers.Count(a.N),
            ReportNumbers.Count(g.Labelled),
            ReportNumbers.Count(g.Unjudged),
            Invariant($"{g.MinAgreement:0.00}"),
            [.. a.Confusion.Select((row, i) => new GraderConfusionRow(
                classes[i], ReportNumbers.Count(row[0]), ReportNumbers.Count(row[1])))],
            format.Name($"cigate.{suite.Suite}.grader"),
            format.Name($"{suite.Suite} on {suite.Target}: the grader against people"));
    }
}

/// <summary>One row of the 2 × 2 confusion matrix: people's verdict, then the grader's fail and pass counts.</summary>
internal sealed record GraderConfusionRow(string Human, string Fail, string Pass);
