using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Tests.Reporting;

/// <summary>Builders for gate results: deterministic numbers, no randomness, fixed run times.</summary>
internal static class Gates
{
    public static readonly string[] Categories =
    [
        "biology", "business", "chemistry", "computer science", "economics", "engineering", "health",
        "history", "law", "math", "other", "philosophy", "physics", "psychology",
    ];

    public static RunReference BaseRun { get; } =
        new(".cigate/base", "run-base-7f3a", "0.1.0", "complete", new DateTimeOffset(2025, 6, 2, 9, 30, 0, TimeSpan.Zero))
        {
            Commit = "4e1a9b07c2d35f8e6a0b1c2d3e4f5a6b7c8d9e0f",
        };

    public static RunReference HeadRun { get; } =
        new(".cigate/head", "run-head-91c2", "0.1.0", "complete", new DateTimeOffset(2025, 6, 2, 12, 5, 0, TimeSpan.FromHours(2)))
        {
            Commit = "9c0ffee5d1b2a3c4e5f60718293a4b5c6d7e8f90",
        };

    /// <summary>A binary metric: delta = head − base, CI = delta ± half, flip rate (b + c)/n.</summary>
    public static MetricComparison Metric(
        string metric, int n, double baseValue, double headValue, double half, double p, double pAdjusted,
        int regressions, int improvements, string method = "mcnemar-exact") =>
        new(metric, method, n, baseValue, headValue, headValue - baseValue, half / 1.96,
            headValue - baseValue - half, headValue - baseValue + half, p, Math.Min(1, 2 * Math.Min(p, 1 - p)), pAdjusted,
            regressions, improvements, n == 0 ? double.NaN : (double)(regressions + improvements) / n);

    public static SideCounts Counts(int samples, int errored = 0, int missing = 0, int invalid = 0) =>
        new(samples, samples, samples - errored - missing, errored, missing, invalid);

    public static SuiteComparison Suite(
        string suite,
        string target,
        MetricComparison metric,
        IReadOnlyList<GroupComparison>? groups = null,
        IReadOnlyList<FlippedItem>? flips = null,
        Pairing pairing = Pairing.Paired,
        IReadOnlyList<string>? changes = null,
        SideCounts? baseCounts = null,
        SideCounts? headCounts = null,
        string kind = "accuracy",
        string model = "my-model") =>
        new(suite, target, kind, pairing, changes ?? [], model, model,
            baseCounts ?? Counts(metric.N, invalid: metric.N / 40), headCounts ?? Counts(metric.N, invalid: metric.N / 50),
            pairing == Pairing.Paired ? metric.N : 0, 0, 0, 0,
            [metric], groups is null ? null : "category", groups ?? [], flips ?? []);

    public static SuiteVerdict Verdict(SuiteComparison suite, Verdict verdict, params string[] reasons) =>
        new(suite, suite.Metrics[0], GateSettings.Default with { Metric = suite.Metrics[0].Metric }, verdict, reasons);

    public static GateResult Result(params SuiteVerdict[] suites) =>
        new(new Comparison(BaseRun, HeadRun, [.. suites.Select(s => s.Suite)], 0.95, "holm"), suites, suites.Max(s => s.Verdict));

    /// <summary>MMLU-Pro-like categories around <paramref name="shift"/> (a delta in metric units).</summary>
    public static IReadOnlyList<GroupComparison> Groups(double shift, int perGroup = 70)
    {
        return [.. Categories.Select((name, i) =>
        {
            var baseValue = 0.55 + (0.03 * (i % 9));
            var delta = shift + (0.004 * ((i % 5) - 2));
            return new GroupComparison(name, Metric("exact_match,mmlu-pro", perGroup + (i * 3), baseValue, baseValue + delta, 0.06 + (0.002 * i), 0.2, 0.2, 3 + (i % 4), 2 + (i % 3)));
        })];
    }

    /// <summary>Regressions then fixes over the categories, with MMLU-Pro-style chain-of-thought outputs.</summary>
    public static IReadOnlyList<FlippedItem> Flips(int regressions, int fixes, bool outputs = true, int start = 0, bool grouped = true)
    {
        var items = new List<FlippedItem>();
        for (var i = 0; i < regressions + fixes; i++)
        {
            var regressed = i < regressions;
            var id = start + (i * 37 % (regressions + fixes)) + 1;
            var reference = ((char)('A' + (id % 10))).ToString();
            var wrong = ((char)('A' + ((id + 3) % 10))).ToString();
            string? Output(string letter) => outputs ? $"Let's think step by step. The key fact is item {id}'s premise. The answer is ({letter})." : null;
            items.Add(new FlippedItem(
                $"q{id:00000}", grouped ? Categories[id % Categories.Length] : null, regressed, reference,
                regressed ? reference : wrong, regressed ? wrong : reference,
                Output(regressed ? reference : wrong), Output(regressed ? wrong : reference),
                regressed ? 1 : 0, regressed ? 0 : 1, $"Question {id}: which option is right?"));
        }

        return items;
    }
}
