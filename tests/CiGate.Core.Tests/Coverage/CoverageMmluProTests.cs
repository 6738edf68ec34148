using CiGate.Core.Coverage;

namespace CiGate.Core.Tests.Coverage;

/// <summary>
/// Done-when 1 of issue #26: MMLU-Pro's 12,032 questions as traffic, a suite whose cases are the first 10 questions
/// (file order) of 10 of the 14 categories. The 4 left out are those at alphabetical positions p with p % 4 == 1
/// (business, engineering, math, psychology); the constants were tuned on the split p % 4 == 0 (biology, economics,
/// law, physics), never on this one. Explicit: the offline embedder does not meet the done-when yet (held-out
/// recall 0.34, coverage 10 points off; docs/coverage.md), and neither does a full semantic model (all-MiniLM-L6-v2:
/// 0.74 at 10.5 points; `bench coverage --explore-semantic`), so it runs on request
/// (<c>dotnet test tests/CiGate.Core.Tests -c Release --filter "FullyQualifiedName~CoverageMmluPro" --
/// xUnit.Explicit=on</c>), not in every build.
/// </summary>
public sealed class CoverageMmluProTests
{
    private const int CasesPerCategory = 10;

    [Fact(Explicit = true)]
    public void The_missing_categories_are_the_uncovered_clusters_and_coverage_is_near_the_true_share()
    {
        // arrange
        var questions = MmluProTraffic.LoadOrSkip();
        var categories = questions.Select(q => q.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(14, categories.Count);
        var missing = categories.Where((_, p) => p % 4 == 1).ToHashSet();
        Assert.Equal(["business", "engineering", "math", "psychology"], missing.Order());
        var cases = questions.Where(q => !missing.Contains(q.Category))
            .GroupBy(q => q.Category).SelectMany(g => g.Take(CasesPerCategory)).Select(q => q.Question).ToList();
        var traffic = questions.Select((q, i) => new TrafficRecord(i + 1, q.Question, null, false)).ToList();

        // act
        var analysis = CoverageAnalyzer.Analyze(traffic, cases);

        // assert
        var uncovered = analysis.Report.Uncovered.Select(c => c.Id).ToHashSet();
        var missingTraffic = Enumerable.Range(0,
            questions.Count).Where(i => missing.Contains(questions[i].Category)).ToList();
        var recall = (double)missingTraffic.Count(i => uncovered.Contains(analysis.ClusterOf[i])) / missingTraffic.Count;
        var trueShare = 1 - ((double)missingTraffic.Count / questions.Count);
        Assert.Equal(12_032, analysis.Report.Records);
        Assert.True(recall >= 0.9,
            $"recall of the missing categories' traffic in uncovered clusters {recall:0.000} < 0.9");
        Assert.True(Math.Abs(analysis.Report.Coverage - trueShare) <= 0.05,
            $"coverage {analysis.Report.Coverage:0.000} is more than 5 points from the true share {trueShare:0.000}");
    }
}
