using System.Globalization;
using CiGate.Core.Comparing.Pairwise;
using CiGate.Simulator;
using CiGate.Simulator.Judge;

namespace CiGate.Bench;

/// <summary>
/// Issue #25, done-when 2: how often the pairwise gate (`min_win_rate: 0.45` on the corrected win
/// rate's interval) fails, with the simulator's pairwise judge biased as published judges are
/// (30% of verdicts go to the answer shown first, 10% to the longer answer, 10% a coin toss),
/// called in-process with the same prompt text the HTTP simulator would judge (a seed per pair).
///   A/A: head and base are two samples of one model of quality 0.7 (an answer offers the refund the
///        criteria ask for with probability 0.7, in a wording drawn per sample), n = 300 items.
///   Better: every item's outputs differ and the head's is the better one on 60% of them, n = 300.
///   Worse: the same with the head better on only 30%: the gate must fail these.
/// </summary>
internal static class PairwiseCalibration
{
    private const string Criteria = "The answer offers a \"refund\".";
    private const double MinWinRate = 0.45;

    private static readonly string[] Padding =
        ["", " We value you as a customer.", " Thanks for your patience.", " Write again any time.",
         " We value you as a customer. Thanks for your patience."];

    public static async Task<int> RunAsync(string[] args)
    {
        var pairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        await PrintRowsAsync(pairs);
        return 0;
    }

    public static async Task PrintRowsAsync(int pairs)
    {
        var judgeOptions = new PairwiseJudgeOptions { PositionBias = 0.3, LengthBias = 0.1, Noise = 0.1 };
        foreach (var (name, better) in new[] { ("A/A", (double?)null), ("better", 0.6), ("worse", 0.3) })
        {
            int fails = 0;
            double winRate = 0, inconsistency = 0;
            for (var pair = 0; pair < pairs; pair++)
            {
                var random = new Random(1000 + pair);
                var items = better is { } share ? Better(random, 300, share) : SameQuality(random, 300, 0.7);
                var judge = new InProcessJudge(seed: 1 + pair, judgeOptions);
                var results = await PairwiseReconciler.JudgeAsync(items, judge, 1, CancellationToken.None);
                var summary = PairwiseSummary.Of(results);
                fails += PairwiseGate.Evaluate(summary, MinWinRate).Passed ? 0 : 1;
                winRate += summary.CorrectedWinRate.Rate / pairs;
                inconsistency += summary.SwapInconsistency / pairs;
            }

            var truth = better is { } s ? I($"head better on {100 * s:0}% of items") : "same quality 0.70";
            Console.WriteLine(
                I($"pairwise {name} {pairs} pairs x 300 items, {truth}, judge position 0.3 length 0.1 noise 0.1, ")
                + I($"min_win_rate {MinWinRate:0.00}: gate failed {fails} times ({100.0 * fails / pairs:0.0}%), ")
                + I($"passed {pairs - fails} ({100.0 * (pairs - fails) / pairs:0.0}%); ")
                + I($"mean corrected win rate {winRate:0.000}, mean swap inconsistency {100 * inconsistency:0.0}%"));
        }
    }

    private static List<PairwiseItem> SameQuality(Random random, int count, double quality) =>
    [
        .. Enumerable.Range(0, count).Select(i => Item(
            i, Answer(random, i, random.NextDouble() < quality), Answer(random, i, random.NextDouble() < quality))),
    ];

    private static List<PairwiseItem> Better(Random random, int count, double share) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var headBetter = random.NextDouble() < share;
            return Item(i, Answer(random, i, !headBetter), Answer(random, i, headBetter));
        }),
    ];

    private static PairwiseItem Item(int i, string baseOutput, string headOutput) =>
        new($"item{i}", $"Where is my order {i}?", baseOutput, headOutput);

    private static string Answer(Random random, int i, bool good) =>
        (good ? $"We are sorry about order {i}; a refund is on its way." : $"Thanks for writing about order {i}.")
        + Padding[random.Next(Padding.Length)];

    // The simulator's judge on the text a chat request would carry (system, blank line, user), as ReplySource joins it.
    private sealed class InProcessJudge(int seed, PairwiseJudgeOptions options) : IPairwiseJudge
    {
        public ValueTask<PairwiseWinner> JudgeAsync(PairwiseQuestion question, CancellationToken cancellationToken)
        {
            var text = string.Join("\n\n", PairwisePrompt.Messages(question, Criteria).Select(m => m.Content));
            var reply = SimulatedPairwiseJudge.Evaluate(text, seed, options);
            return PairwisePrompt.TryParse(reply, out var winner, out var problem)
                ? ValueTask.FromResult(winner)
                : throw new InvalidOperationException(problem);
        }
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
