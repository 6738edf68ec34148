using System.Xml.Linq;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;
using static CiGate.Core.Tests.Reporting.Gates;

namespace CiGate.Core.Tests.Reporting;

/// <summary>
/// Failing test cases in the reports: every one named with its failing assertion, escaped for
/// each format, newly failing first, and cut with "and N more" to fit the comment.
/// </summary>
public sealed class FailingCasesReportTests
{
    [Fact]
    public void Hostile_case_names_and_reasons_are_escaped_in_every_format()
    {
        var hostile = HostileText.All.Select((text, i) => Outcome($"case-{i:00}", text, 1, 0, $"icontains: {text}")).ToList();
        var reports = ReportRenderer.Render(Evaluate(hostile), new ReportOptions());

        foreach (var markdown in new[] { reports.PrComment, reports.JobSummary })
        {
            Assert.Equal(hostile.Count, markdown.Split('\n').Count(l => l.StartsWith("| ❌ |", StringComparison.Ordinal)));
            Assert.DoesNotContain(HostileText.Script, markdown, StringComparison.Ordinal);
            Assert.DoesNotContain(HostileText.FakeTable, markdown, StringComparison.Ordinal);
            Assert.DoesNotContain(HostileText.Mention, markdown, StringComparison.Ordinal);
            Assert.DoesNotContain(HostileText.LongLine[..200], markdown, StringComparison.Ordinal); // cut to an excerpt
        }

        Assert.DoesNotContain(HostileText.Script, reports.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", reports.Html, StringComparison.Ordinal);
        var junit = XDocument.Parse(reports.JUnitXml); // well-formed whatever the text
        var failures = junit.Descendants("testcase").Where(t => t.Attribute("classname")!.Value == "cigate.s0.cases").Select(t => t.Element("failure")).ToList();
        Assert.Equal(hostile.Count, failures.Count);
        Assert.All(failures, f => Assert.Equal("newly-failing", f!.Attribute("type")!.Value));
        Assert.StartsWith("icontains: | fake | table |", failures[0]!.Attribute("message")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_failing_cases_are_cut_to_the_comment_limit_newly_failing_kept_first()
    {
        // 150 flaky cases listed before 150 newly failing ones by id: the fitter keeps the new failures.
        var cases = Enumerable.Range(0, 150).Select(i => Outcome($"a-flaky-{i:000}", $"flaky case {i}", 1, 0.5, "icontains: expected output to contain \"x\""))
            .Concat(Enumerable.Range(0, 150).Select(i => Outcome($"b-new-{i:000}", $"newly failing case {i}", 1, 0, "icontains: expected output to contain \"x\"")))
            .ToList();

        var reports = ReportRenderer.Render(Evaluate(cases), new ReportOptions(MaxCommentCharacters: 20_000));

        Assert.InRange(reports.PrComment.Length, 10_000, 20_000);
        var newRows = reports.PrComment.Split('\n').Count(l => l.StartsWith("| ❌ |", StringComparison.Ordinal));
        var flakyRows = reports.PrComment.Split('\n').Count(l => l.StartsWith("| 〰️ |", StringComparison.Ordinal));
        Assert.InRange(newRows, 20, 149);
        Assert.Equal(0, flakyRows);
        Assert.Contains($"and {300 - newRows} more failing cases are in the full report.", reports.PrComment, StringComparison.Ordinal);
        // The job summary's limit is far larger: every case is there, newly failing before flaky.
        var summary = reports.JobSummary.Split('\n').Where(l => l.StartsWith("| ❌ |", StringComparison.Ordinal) || l.StartsWith("| 〰️ |", StringComparison.Ordinal)).ToList();
        Assert.Equal(300, summary.Count);
        Assert.StartsWith("| ❌ | newly failing case 0 |", summary[0], StringComparison.Ordinal);
        Assert.StartsWith("| 〰️ | flaky case 0 |", summary[150], StringComparison.Ordinal);
    }

    private static CaseOutcome Outcome(string id, string name, double baseRate, double headRate, string failure) =>
        new(id, name, baseRate, headRate, CaseOutcome.StatusOf(baseRate, headRate)) { Failure = failure };

    private static GateResult Evaluate(List<CaseOutcome> cases)
    {
        int Count(CaseStatus status) => cases.Count(c => c.Status == status);
        var suite = Suite("s0", "sim", Metric("pass", cases.Count, 1, 0.5, 0.05, 0.001, 0.001, cases.Count, 0)) with
        {
            Kind = "prompts",
            Cases = new CaseCounts(Count(CaseStatus.NewlyFailing), Count(CaseStatus.NewlyPassing), Count(CaseStatus.StillFailing), Count(CaseStatus.StillPassing), Count(CaseStatus.Flaky)),
            CaseOutcomes = cases,
        };
        return Gate.Evaluate(new Comparison(BaseRun, HeadRun, [suite], 0.95, "holm"), new Dictionary<string, GateSettings>());
    }
}
