using CiGate.Core.Comparing;
using CiGate.Core.Comparing.Pairwise;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Targets;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Reporting;

/// <summary>
/// The pairwise section of every report, from real judging: 40 items put to the simulator's judge
/// over HTTP (position bias 0.1 or 0.3, seeded) in both orders, summarised, gated by min_win_rate and, with
/// human labels, by min_agreement; then Gate.Evaluate and the four reports, against golden files
/// (CIGATE_UPDATE_GOLDEN=1 rewrites them under tests/CiGate.Core.Tests/Reporting/Golden).
/// </summary>
public sealed class PairwiseReportTests
{
    private const string Criteria = "The reply offers a \"refund\".";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in new[] { "pairwise-pass", "pairwise-fail", "pairwise-error" })
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
    public async Task Report_matches_its_golden_file(string fixture, string report)
    {
        var result = await ResultAsync(fixture, TestContext.Current.CancellationToken);

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
    public async Task A_better_head_passes_and_shows_counts_rates_lengths_family_and_agreement()
    {
        var result = await ResultAsync("pairwise-pass", TestContext.Current.CancellationToken);
        var suite = result.Suites.Single();
        var pairwise = suite.Suite.Pairwise!;

        Assert.Equal(Verdict.Pass, suite.Verdict);
        Assert.True(pairwise.Gate!.Passed);
        Assert.True(pairwise.SameFamily);
        Assert.True(pairwise.AgreementCheck!.Met);
        Assert.Equal(8, pairwise.Summary!.Identical);
        Assert.InRange(pairwise.Summary.SwapInconsistency, 0.05, 0.6);
        var comment = ReportRenderer.Render(result, new ReportOptions()).PrComment;
        Assert.Contains("head against base, judged by judge (gpt-4.1): ✅ pass", comment, StringComparison.Ordinal);
        Assert.Contains("| people \\ judge | base | tie | head |", comment, StringComparison.Ordinal);
        Assert.Contains(
            "⚠️ the judge (gpt-4.1) and the head model (gpt-4.1-mini) are of one family",
            comment,
            StringComparison.Ordinal);
        Assert.Contains("| head longer |", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worse_head_fails_the_suite_and_its_junit_testcase()
    {
        var result = await ResultAsync("pairwise-fail", TestContext.Current.CancellationToken);

        Assert.Equal(Verdict.Fail, result.Overall);
        Assert.StartsWith("pairwise: win rate ", result.Suites.Single().Reasons[0], StringComparison.Ordinal);
        var junit = ReportRenderer.Render(result, new ReportOptions()).JUnitXml;
        Assert.Contains("tests=\"2\" failures=\"2\" errors=\"0\"", junit, StringComparison.Ordinal);
        Assert.Contains("type=\"pairwise\"", junit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_judge_error_is_inconclusive_never_a_pass()
    {
        var result = await ResultAsync("pairwise-error", TestContext.Current.CancellationToken);

        Assert.Equal(Verdict.Inconclusive, result.Overall);
        Assert.StartsWith(
            "pairwise: the pairwise judge's reply holds no JSON object",
            result.Suites.Single().Reasons[0],
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_judge_people_disagree_with_makes_the_suite_inconclusive()
    {
        var ct = TestContext.Current.CancellationToken;
        var items = Items(headBetter: true);
        // Labels that say the opposite of the truth: the judge agrees with none of them.
        var labels = items.Take(20).ToDictionary(
            i => i.Id,
            _ => PairwisePreference.Base,
            StringComparer.Ordinal);
        var pairwise = await JudgeAsync(items, labels, ct);

        var result = Evaluate(pairwise);

        Assert.Equal(Verdict.Inconclusive, result.Overall);
        Assert.Contains(
            "below min_agreement 0.80: the pairwise verdict is not trusted",
            result.Suites.Single().Reasons[0],
            StringComparison.Ordinal);
    }

    private static async Task<GateResult> ResultAsync(string fixture, CancellationToken ct)
    {
        var items = Items(headBetter: fixture != "pairwise-fail");
        PairwiseComparison pairwise;
        if (fixture == "pairwise-error")
        {
            pairwise = new PairwiseComparison("judge", "gpt-4.1", "gpt-4.1-mini", 0.45)
            {
                Items = items.Count,
                SameFamily = true,
                Error = "the pairwise judge's reply holds no JSON object (judge judge)",
            };
        }
        else
        {
            // People agree with the truth built into the items: the head's refund wins, identical is a tie.
            var labels = fixture == "pairwise-pass"
                ? items.Where((_, i) => i % 2 == 0).ToDictionary(
                    i => i.Id,
                    i => i.HeadOutput == i.BaseOutput ? PairwisePreference.Tie
                        : i.HeadOutput.Contains("refund", StringComparison.Ordinal) ? PairwisePreference.Head
                        : PairwisePreference.Base,
                    StringComparer.Ordinal)
                : null;
            pairwise = await JudgeAsync(items, labels, ct, positionBias: fixture == "pairwise-pass" ? 0.1 : 0.3);
        }

        return Evaluate(pairwise);
    }

    private static GateResult Evaluate(PairwiseComparison pairwise)
    {
        var suite = Gates.Suite(
            "support-replies", "bot", Gates.Metric("pass_rate", 40, 0.9, 0.9, 0.05, 0.5, 0.5, 1, 1), kind: "prompts",
            model: "gpt-4.1-mini") with { Pairwise = pairwise };
        var comparison = new Comparison(Gates.BaseRun, Gates.HeadRun, [suite], 0.95, "holm");
        return Gate.Evaluate(comparison, new Dictionary<string, GateSettings>(StringComparer.Ordinal));
    }

    private static async Task<PairwiseComparison> JudgeAsync(
        IReadOnlyList<PairwiseItem> items,
        IReadOnlyDictionary<string, PairwisePreference>? labels,
        CancellationToken ct,
        double positionBias = 0.3)
    {
        await using var server = await SimulatorServer.StartAsync(
            new SimulatorOptions
            {
                Models = [new SimulatorModel("gpt-4.1", 0.7, 5)],
                JudgeAll = true,
                PairwiseJudge = new PairwiseJudgeOptions { PositionBias = positionBias },
            },
            ct);
        var config = TestTargets.Config(new Uri(server.BaseUrl, "v1/"), model: "gpt-4.1");
        await using var client = TargetClientFactory.Create(config);
        var judge = new TargetPairwiseJudge(client, config, Criteria);
        var results = await PairwiseReconciler.JudgeAsync(items, judge, 4, ct);
        var summary = PairwiseSummary.Of(results);
        var agreement = labels is null ? null : PairwiseAgreement.Of(results, labels);
        return new PairwiseComparison("judge", "gpt-4.1", "gpt-4.1-mini", 0.45)
        {
            Items = items.Count,
            Summary = summary,
            Gate = PairwiseGate.Evaluate(summary, 0.45),
            SameFamily = ModelFamily.Shared("gpt-4.1", "gpt-4.1-mini"),
            MinAgreement = labels is null ? null : 0.8,
            Agreement = agreement,
            AgreementCheck = agreement?.Check(0.8),
        };
    }

    // 40 items: every fifth identical; otherwise one side offers a refund (head, or base when the head is worse),
    // and the head is padded on every third item so the length view has rows on both sides.
    private static List<PairwiseItem> Items(bool headBetter) =>
    [
        .. Enumerable.Range(1, 40).Select(i =>
        {
            var plain = $"Thanks for writing about order {i}.";
            var good = $"Sorry about order {i}; a refund is on its way.";
            if (i % 5 == 0)
            {
                return new PairwiseItem($"t{i:00}", $"Where is my order {i}?", plain, plain);
            }

            var head = headBetter ? good : plain;
            head += i % 3 == 0 ? " We value you as a customer and hope to see you again soon." : "";
            return new PairwiseItem($"t{i:00}", $"Where is my order {i}?", headBetter ? plain : good, head);
        }),
    ];
}
