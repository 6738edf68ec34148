using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.GitHub.Tests.Support;

/// <summary>Gate results built from Core's own records, as `cigate compare` produces them.</summary>
internal static class GateResults
{
    private static readonly RunReference BaseRun = new("/tmp/base", "run-base", "0.1.0", "complete", new DateTimeOffset(2025, 6, 2, 9, 30, 0, TimeSpan.Zero));

    public static GateResult Make(params (string Suite, Verdict Verdict, string Reason)[] suites) => Make("/tmp/head", suites);

    public static GateResult Make(string headFolder, params (string Suite, Verdict Verdict, string Reason)[] suites)
    {
        var verdicts = suites.Select(s =>
        {
            var metric = new MetricComparison("exact_match,flexible", "paired, exact McNemar", 100, 0.70, 0.68, -0.02, 0.01, -0.04, 0.0, 0.03, 0.06, 0.03, 5, 3, 0.08);
            var counts = new SideCounts(100, 100, 100, 0, 0, 1);
            var suite = new SuiteComparison(s.Suite, "sim", "accuracy", Pairing.Paired, [], "m", "m", counts, counts, 100, 0, 0, 0, [metric], null, [], []);
            return new SuiteVerdict(suite, metric, GateSettings.Default, s.Verdict, [s.Reason]);
        }).ToList();
        var head = new RunReference(headFolder, "run-head", "0.1.0", "complete", new DateTimeOffset(2025, 6, 2, 12, 0, 0, TimeSpan.Zero));
        var comparison = new Comparison(BaseRun, head, [.. verdicts.Select(v => v.Suite)], 0.95, "holm");
        return new GateResult(comparison, verdicts, verdicts.Count == 0 ? Verdict.Inconclusive : verdicts.Max(v => v.Verdict));
    }
}
