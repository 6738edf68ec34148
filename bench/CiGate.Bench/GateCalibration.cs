using System.Globalization;
using System.Text.Json;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Results;
using CiGate.Simulator;

namespace CiGate.Bench;

/// <summary>
/// How often the gate cries wolf, and how often it catches a real drop, with models built from
/// the simulator's seeds (SimulatedAnswer: the same per-item outcome the HTTP simulator serves).
///   A/A: 1,000 pairs of runs of the same model (accuracy a, two different seeds) on 1,000 MMLU-Pro
///        questions; each pair is gated with the default gate (fail on a drop >= 1 pt, p < 0.05).
///   Drop: 1,000 pairs on the 1,319 GSM8K test questions, base accuracy 0.75 vs head 0.72.
///   Test-case A/A: 1,000 pairs of runs of one prompt suite of 50 cases (80% pass), compared and
///        gated as `cigate compare` does (SuiteComparer, then the case gate): deterministic (the same
///        seed on both sides, as temperature 0 on a deterministic server), then at the simulator's
///        flip rate (each sample re-drawn with probability 0.05, a different seed per run and
///        repeat), with repeats 3 (flaky cases detectable) and repeats 1 (they are not).
/// </summary>
internal static class GateCalibration
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var mmlu = Questions(DatasetLocator.Find("mmlu-pro/test.jsonl")).Take(1000).ToArray();
        var gsm8k = Questions(DatasetLocator.Find("gsm8k/test.jsonl")).ToArray();

        var (aaFails, aaWarns, aaFlip) = Simulate(mmlu, pairs, 0.70, 0.70);
        Print($"A/A   {pairs} pairs x {mmlu.Length} items, accuracy 0.70 both, flip 0.05: gate failed {aaFails} times ({100.0 * aaFails / pairs:0.0}%), warned {aaWarns} ({100.0 * aaWarns / pairs:0.0}%); mean flip rate {aaFlip:P2}");
        var (dropFails, _, dropFlip) = Simulate(gsm8k, pairs, 0.75, 0.72);
        Print($"drop  {pairs} pairs x {gsm8k.Length} items, accuracy 0.75 -> 0.72: gate failed {dropFails} times ({100.0 * dropFails / pairs:0.0}%); mean flip rate {dropFlip:P2}");
        foreach (var (flip, repeats) in new[] { (0.0, 3), (0.05, 3), (0.05, 1) })
        {
            var (fails, warns, flaky) = SimulateCases(pairs, 50, repeats, flip);
            var kind = flip == 0 ? "deterministic" : $"flip {flip:0.00}";
            Print($"cases A/A {pairs} pairs x 50 cases x {repeats} repeat(s), {kind}: gate failed {fails} times ({100.0 * fails / pairs:0.0}%), warned {warns} ({100.0 * warns / pairs:0.0}%); mean flaky cases per pair {flaky:0.00}");
        }

        await PairwiseCalibration.PrintRowsAsync(pairs);

        return 0;
    }

    // A prompt suite's A/A through the real comparer and gate: case i of pair p passes a sample when
    // the simulator grades it correct at accuracy 0.8 with that sample's seed.
    private static (int Fails, int Warns, double MeanFlaky) SimulateCases(int pairs, int cases, int repeats, double flip)
    {
        int fails = 0, warns = 0;
        var flaky = 0.0;
        for (var pair = 0; pair < pairs; pair++)
        {
            // Deterministic: one seed for both runs. Otherwise each run starts at its own seed (seed + repeat per sample, as PromptsPlan does).
            var baseSeed = 1 + (2 * pair);
            var headSeed = flip == 0 ? baseSeed : baseSeed + 1;
            var baseRecords = CaseRecords(pair, cases, repeats, baseSeed, flip);
            var headRecords = CaseRecords(pair, cases, repeats, headSeed, flip);
            var compared = SuiteComparer.Compare(CaseSuite(baseRecords), CaseSuite(headRecords), baseRecords, headRecords, [], "pass", new CiGate.Core.Comparing.CompareOptions());
            var comparison = new Comparison(new RunReference("", "", "", "complete", default), new RunReference("", "", "", "complete", default), [compared], 0.95, "holm");
            var verdict = Gate.Evaluate(comparison, new Dictionary<string, GateSettings>()).Overall;
            fails += verdict == Verdict.Fail ? 1 : 0;
            warns += verdict == Verdict.Warn ? 1 : 0;
            flaky += compared.Cases!.Flaky;
        }

        return (fails, warns, flaky / pairs);
    }

    private static List<ItemRecord> CaseRecords(int pair, int cases, int repeats, int seed, double flip)
    {
        var records = new List<ItemRecord>(cases * repeats);
        for (var i = 0; i < cases; i++)
        {
            var id = $"pair-{pair}-case-{i}";
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                var pass = SimulatedAnswer.IsCorrect(id, 0.8, seed + repeat, flip);
                records.Add(new ItemRecord
                {
                    Suite = "cases",
                    Target = "sim",
                    Item = id,
                    Repeat = repeat,
                    PromptHash = "p",
                    Question = id,
                    Extracted = new Dictionary<string, string> { ["pass"] = pass ? "pass" : "fail: icontains: expected output to contain \"x\"" },
                    Scores = new Dictionary<string, double> { ["pass"] = pass ? 1 : 0 },
                });
            }
        }

        return records;
    }

    private static SuiteResult CaseSuite(List<ItemRecord> records)
    {
        var n = records.Select(r => r.Item).Distinct().Count();
        var rate = records.Average(r => r.Scores["pass"]);
        return new SuiteResult("cases", "prompts", "sim", "m", [], "d", "t", null,
            new ResultCounts(n, records.Count / n, records.Count, records.Count, 0, 0, 0, new Dictionary<string, int>()),
            new Dictionary<string, MetricSummary> { ["pass"] = new(rate, Math.Sqrt(rate * (1 - rate) / n), n) },
            null, null, null, new UsageSummary(0, 0, 0, 0, 0, 0), []);
    }

    private static (int Fails, int Warns, double MeanFlipRate) Simulate(string[] questions, int pairs, double baseAccuracy, double headAccuracy)
    {
        int fails = 0, warns = 0;
        var flip = 0.0;
        var baseCorrect = new bool[questions.Length];
        var headCorrect = new bool[questions.Length];
        for (var pair = 0; pair < pairs; pair++)
        {
            // Every pair is a fresh pair of seeds: two "runs" of a batched, slightly nondeterministic server.
            var baseSeed = 1 + (2 * pair);
            var headSeed = baseSeed + 1;
            for (var i = 0; i < questions.Length; i++)
            {
                baseCorrect[i] = Correct(questions[i], baseAccuracy, baseSeed);
                headCorrect[i] = Correct(questions[i], headAccuracy, headSeed);
            }

            var metric = Metric(baseCorrect, headCorrect);
            flip += metric.FlipRate;
            var suite = new SuiteComparison("suite", "sim", "accuracy", Pairing.Paired, [], "m", "m",
                new SideCounts(questions.Length, questions.Length, questions.Length, 0, 0, 0),
                new SideCounts(questions.Length, questions.Length, questions.Length, 0, 0, 0),
                questions.Length, 0, 0, 0, [metric], null, [], []);
            var comparison = new Comparison(new RunReference("", "", "", "complete", default), new RunReference("", "", "", "complete", default), [suite], 0.95, "holm");
            var verdict = Gate.Evaluate(comparison, new Dictionary<string, GateSettings>()).Overall;
            fails += verdict == Verdict.Fail ? 1 : 0;
            warns += verdict == Verdict.Warn ? 1 : 0;
        }

        return (fails, warns, flip / pairs);
    }

    private static MetricComparison Metric(bool[] b, bool[] h)
    {
        var r = CiGate.Core.Comparing.Statistics.PairedBinary.Compare(b, h);
        return new MetricComparison("exact_match", "paired, exact McNemar", r.N, r.BaseRate, r.HeadRate, r.Delta, r.StdErr, r.CiLow, r.CiHigh,
            r.PValueRegression, r.PValueTwoSided, r.PValueRegression, r.Regressions, r.Improvements, r.FlipRate);
    }

    // Right = the simulator grades the item correct and states an answer (invalid replies score 0).
    private static bool Correct(string question, double accuracy, int seed) =>
        SimulatedAnswer.IsCorrect(question, accuracy, seed, 0.05) && !SimulatedAnswer.IsInvalid(question, seed, 0.02);

    private static IEnumerable<string> Questions(string path) =>
        File.ReadLines(path).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("question").GetString()!);

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
