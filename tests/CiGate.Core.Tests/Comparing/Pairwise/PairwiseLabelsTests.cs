using CiGate.Core.Comparing.Pairwise;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Comparing.Pairwise;

public sealed class PairwiseLabelsTests
{
    [Fact]
    public void Reads_head_base_and_tie_preferences_by_item()
    {
        using var folder = new TempFolder();
        var path = folder.Write("labels.jsonl", """
            {"id": "q1", "winner": "head", "note": "names the refund"}

            {"id": "q2", "winner": "base"}
            {"id": "q3", "winner": "tie"}
            """);

        var labels = PairwiseLabels.Load(path);

        Assert.Equal(
            new Dictionary<string, PairwisePreference> { ["q1"] = PairwisePreference.Head, ["q2"] = PairwisePreference.Base, ["q3"] = PairwisePreference.Tie },
            labels);
    }

    [Fact]
    public void Every_bad_line_is_reported_at_its_line()
    {
        using var folder = new TempFolder();
        var path = folder.Write("labels.jsonl", """
            {"id": "q1", "winner": "head"}
            {"id": "q2", "winner": "better"}
            not json
            {"winner": "tie"}
            {"id": "q1", "winner": "base"}
            """);

        var ex = Assert.Throws<CiGateException>(() => PairwiseLabels.Load(path));

        Assert.Equal(
            [
                (2, "'winner' must be head, base or tie, got 'better'"),
                (3, "invalid JSON"),
                (4, "missing string field 'id'"),
                (5, "item 'q1' is labelled twice"),
            ],
            ex.Diagnostics.Select(d => (d.Line, d.Message.Split(':')[0])));
        Assert.All(ex.Diagnostics, d => Assert.Equal(DiagnosticCodes.DatasetMalformed, d.Code));
    }

    [Fact]
    public void A_missing_or_empty_file_is_named()
    {
        using var folder = new TempFolder();

        var missing = Assert.Throws<CiGateException>(() => PairwiseLabels.Load(Path.Combine(folder.Path, "nope.jsonl")));
        var empty = Assert.Throws<CiGateException>(() => PairwiseLabels.Load(folder.Write("empty.jsonl", "\n")));

        Assert.Equal(DiagnosticCodes.DatasetNotFound, Assert.Single(missing.Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.DatasetEmpty, Assert.Single(empty.Diagnostics).Code);
    }

    [Fact]
    public void The_judges_verdict_is_a_win_loss_or_tie_of_any_kind()
    {
        Assert.Equal(
            [PairwisePreference.Head, PairwisePreference.Base, PairwisePreference.Tie, PairwisePreference.Tie, PairwisePreference.Tie],
            new[] { PairwiseOutcome.Win, PairwiseOutcome.Loss, PairwiseOutcome.Tie, PairwiseOutcome.Identical, PairwiseOutcome.Inconsistent }
                .Select(PairwiseAgreement.Verdict));
    }

    [Fact]
    public void With_no_labelled_item_judged_the_judge_is_not_trusted()
    {
        var agreement = PairwiseAgreement.Of(
            [new PairwiseItemResult("a", PairwiseOutcome.Win, PairwiseWinner.Second, PairwiseWinner.First, 10, 12)],
            new Dictionary<string, PairwisePreference> { ["b"] = PairwisePreference.Head });

        var check = agreement.Check(0.7);

        Assert.Equal((0, 1, 1), (agreement.Agreement.N, agreement.Labelled, agreement.Unjudged));
        Assert.False(check.Met);
        Assert.Equal("no labelled item was judged (1 labelled), so min_agreement 0.70 cannot be checked", check.Reason);
    }
}
