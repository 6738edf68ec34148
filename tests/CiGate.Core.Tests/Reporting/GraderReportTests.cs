using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;
using CiGate.Core.Results;

namespace CiGate.Core.Tests.Reporting;

/// <summary>
/// `grader_labels:` in every report: the grader's recorded verdicts on 10 cases against people's
/// labels (agreeing on 9, trusted; on 7, not trusted, so the suite is inconclusive), gated and
/// rendered, against golden files (CIGATE_UPDATE_GOLDEN=1 rewrites them under
/// tests/CiGate.Core.Tests/Reporting/Golden).
/// </summary>
public sealed class GraderReportTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in new[] { "grader-trusted", "grader-untrusted" })
        {
            foreach (var report in new[] { "comment.md", "summary.md", "html", "junit.xml" })
            {
                data.Add(fixture, report);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Report_matches_its_golden_file(string fixture, string report)
    {
        var result = Result(disagreements: fixture == "grader-trusted" ? 1 : 3);
        var reports = ReportRenderer.Render(result, new ReportOptions());

        var text = report switch
        {
            "comment.md" => reports.PrComment,
            "summary.md" => reports.JobSummary,
            "html" => reports.Html,
            _ => reports.JUnitXml,
        };
        GoldenFile.Verify($"{fixture}.{report}", text);
    }

    [Fact]
    public void A_grader_people_agree_with_keeps_the_verdict_and_says_so()
    {
        var result = Result(disagreements: 1);
        var suite = result.Suites.Single();

        Assert.Equal(Verdict.Pass, suite.Verdict);
        Assert.Contains(
            "grader_labels: the grader agrees with people on 0.90 ≥ 0.80 (10 labelled verdicts, Cohen's kappa 0.80)",
            suite.Reasons);
        var comment = ReportRenderer.Render(result, new ReportOptions()).PrComment;
        Assert.Contains("the grader against people: ✅ pass", comment, StringComparison.Ordinal);
        Assert.Contains("| fail | 4 | 0 |", comment, StringComparison.Ordinal);
        Assert.Contains("| pass | 1 | 5 |", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grader_people_disagree_with_makes_a_passing_suite_inconclusive()
    {
        var result = Result(disagreements: 3);
        var suite = result.Suites.Single();

        Assert.Equal(Verdict.Inconclusive, suite.Verdict);
        Assert.Equal(Verdict.Inconclusive, result.Overall);
        Assert.StartsWith(
            "grader_labels: the grader is not trusted: agrees with people on 0.70 < 0.80", suite.Reasons[0],
            StringComparison.Ordinal);
        var junit = ReportRenderer.Render(result, new ReportOptions()).JUnitXml;
        Assert.Contains("<testcase classname=\"cigate.rubric.grader\"", junit, StringComparison.Ordinal);
        Assert.Contains(
            "<error message=\"the grader is not trusted: agrees with people on 0.70", junit, StringComparison.Ordinal);
    }

    /// <summary>
    /// 10 cases whose grader passed the even ones; people agree except on the first
    /// <paramref name="disagreements"/> odd ones (which they pass).
    /// </summary>
    private static GateResult Result(int disagreements)
    {
        var records = Enumerable.Range(0, 10).Select(i => new ItemRecord
        {
            Suite = "rubric",
            Target = "bot",
            Item = $"case-{i}",
            PromptHash = "h",
            Output = "answer",
            Extracted = new Dictionary<string, string>
            {
                [GraderAgreement.VerdictsKey] = GraderAgreement.Format([i % 2 == 0]),
            },
        }).ToList();
        var labels = Enumerable.Range(0, 10)
            .Select(i => new GraderLabel($"case-{i}", i % 2 == 0 || i / 2 < disagreements))
            .ToList();
        var agreement = GraderAgreement.Of(records, new GraderLabelsRecord("labels.jsonl", labels, 0.8));
        var suite = Gates.Suite(
            "rubric", "bot", Gates.Metric("pass_rate", 10, 0.5, 0.5, 0, 0.5, 0.5, 1, 1), kind: "prompts",
            model: "gpt-4.1-mini") with { GraderAgreement = agreement };
        var comparison = new Comparison(Gates.BaseRun, Gates.HeadRun, [suite], 0.95, "holm");
        return Gate.Evaluate(comparison, new Dictionary<string, GateSettings>(StringComparer.Ordinal));
    }
}
