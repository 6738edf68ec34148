using System.Xml.Linq;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;
using GateVerdict = CiGate.Core.Gating.Verdict;
using static CiGate.Core.Tests.Reporting.Gates;

namespace CiGate.Core.Tests.Reporting;

/// <summary>Gate results with holes: no gated metric, NaN statistics, no suites at all.</summary>
public sealed class ReportEdgeCaseTests
{
    [Fact]
    public void A_suite_without_a_gated_metric_renders_as_not_available()
    {
        // arrange: the head run has no results for the suite, so the gate had nothing to test.
        var suite = Suite("gsm8k", "local", Metric("exact_match,strict-match", 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, 0));
        var verdict = new SuiteVerdict(suite, null, GateSettings.Default, GateVerdict.Inconclusive, ["head: no results for gsm8k"]);
        var result = new GateResult(new Comparison(BaseRun, HeadRun, [suite], 0.95, "holm"), [verdict], GateVerdict.Inconclusive);

        // act
        var reports = ReportRenderer.Render(result, new ReportOptions());

        // assert
        Assert.Contains("### ❔ CiGate: inconclusive — gsm8k: head: no results for gsm8k", reports.PrComment, StringComparison.Ordinal);
        Assert.Contains("| gsm8k | local | n/a | n/a | n/a | n/a | n/a | n/a | n/a | ❔ inconclusive |", reports.PrComment, StringComparison.Ordinal);
        Assert.Single(XDocument.Parse(reports.JUnitXml).Descendants("error"));
        Assert.DoesNotContain("NaN", reports.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_without_suites_still_renders_every_report()
    {
        var result = new GateResult(new Comparison(BaseRun, HeadRun, [], 0.95, "holm"), [], GateVerdict.Pass);

        var reports = ReportRenderer.Render(result, new ReportOptions());

        Assert.StartsWith("<!-- cigate:comment:cigate -->\n### ✅ CiGate: pass — no suites were compared\n", reports.PrComment, StringComparison.Ordinal);
        Assert.Equal("0", XDocument.Parse(reports.JUnitXml).Root?.Attribute("tests")?.Value);
    }
}
