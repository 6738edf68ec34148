using CiGate.Core.Coverage;

namespace CiGate.Core.Tests.Coverage;

public sealed class CoverageAnalyzerTests
{
    private static readonly string[] Travel =
    [
        "What is the capital of France?", "Which river runs through Paris?", "When is the Louvre open?",
        "How do I get from the airport to Paris centre?", "Best museums in Paris for children?",
            "Is the Eiffel Tower open on Mondays?",
    ];

    private static readonly string[] Refunds =
    [
        "I want a refund for order 1234, email me at alice.smith@example.org",
            "Refund timing: my refund still has not reached my card",
        "My refund has not arrived, call +1 (415) 555-0132", "Refund policy: is a refund possible after thirty days?",
        "Refund my cancelled booking to card 4111 1111 1111 1111", "Why was my refund refused?",
    ];

    [Fact]
    public void Traffic_no_case_resembles_is_the_uncovered_cluster_and_its_pii_appears_in_no_output()
    {
        // arrange: two topics, many phrasings; the tests only ask travel questions
        var traffic = Enumerable.Range(0, 120)
            .Select(i => (Text: i % 2 == 0 ? Travel[i / 2 % Travel.Length] : Refunds[i / 2 % Refunds.Length],
                Negative: i % 2 == 1 && i % 3 == 0))
            .Select((t, i) => new TrafficRecord(i + 1, PiiRedactor.Redact(t.Text), null, t.Negative))
            .ToList();
        var cases = new[] { "What is the capital of France?", "When is the Louvre open?", "Best museums in Paris?" };

        // act
        var analysis = CoverageAnalyzer.Analyze(traffic, cases, new CoverageOptions { RecordsPerClusterSquared = 2 });
        var report = analysis.Report;
        var outputs = new[] { CoverageOutput.Console(report), CoverageOutput.Markdown(report),
            CoverageOutput.Json(report) };

        // assert
        var uncovered = report.Uncovered.Select(c => c.Id).ToHashSet();
        var refundsUncovered = traffic.Where((_,
            i) => i % 2 == 1).All(t => uncovered.Contains(analysis.ClusterOf[t.Line - 1]));
        Assert.True(refundsUncovered && report.Coverage is > 0 and <= 0.5, outputs[2]);
        Assert.Equal(1.0, report.Uncovered.Sum(c => c.NegativeFeedbackShare), 3);
        Assert.Contains(report.Uncovered.SelectMany(c => c.Exemplars), e => e.Contains("refund",
            StringComparison.OrdinalIgnoreCase));
        foreach (var secret in new[] { "alice.smith@example.org", "555-0132", "4111 1111 1111 1111", "4111" })
        {
            Assert.All(outputs, o => Assert.DoesNotContain(secret, o, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_same_traffic_gives_the_same_report_byte_for_byte()
    {
        // arrange
        var traffic = Travel.Concat(Refunds).Select((t, i) => new TrafficRecord(i + 1, t, null, false)).ToList();

        // act
        var first = CoverageOutput.Json(CoverageAnalyzer.Analyze(traffic, ["capital of France"]).Report);
        var second = CoverageOutput.Json(CoverageAnalyzer.Analyze(traffic, ["capital of France"]).Report);

        // assert
        Assert.Equal(first, second);
    }

    [Fact]
    public void Redaction_leaves_clean_text_alone_and_masks_what_the_scanner_finds()
    {
        Assert.Equal("Which river runs through Paris?", PiiRedactor.Redact("Which river runs through Paris?"));
        Assert.Equal("key [openai-key] leaked", PiiRedactor.Redact("key sk-proj-abcdefghijklmnopqrstuvwx12345 leaked"));
    }
}
