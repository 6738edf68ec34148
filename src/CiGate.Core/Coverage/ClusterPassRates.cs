using CiGate.Core.Comparing;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Coverage;

/// <summary>
/// Per-cluster pass rates from a results folder (<c>cigate coverage --results DIR</c>): each test case's pass rate on
/// its suite's primary metric (the gate's metric, else the suite's first), repeats folded as the case gate folds
/// them, averaged over the targets that ran it; a covered cluster's pass rate is the mean over its cases that have
/// results. How well the tests pass where users actually are, next to how much of it they cover.
/// </summary>
public static class ClusterPassRates
{
    public static CoverageReport Apply(CoverageReport report, IReadOnlyList<SuiteCase> cases,
        IReadOnlyList<int> caseClusterOf, LoadedRun run)
    {
        var byItem = run.Items.ToLookup(r => (r.Suite, r.Target));
        var rates = new Dictionary<(string Suite, string Item), List<double>>();
        foreach (var suite in run.Results.Suites)
        {
            var primary = suite.Gate?.Metric ?? suite.Metrics.Keys.FirstOrDefault();
            if (primary is null)
            {
                continue;
            }

            foreach (var (item, result) in CaseResult.Fold(byItem[(suite.Suite, suite.Target)], primary))
            {
                if (!rates.TryGetValue((suite.Suite, item), out var list))
                {
                    rates[(suite.Suite, item)] = list = [];
                }

                list.Add(result.Rate);
            }
        }

        var perCluster = new Dictionary<int, List<double>>();
        var matched = 0;
        for (var t = 0; t < cases.Count; t++)
        {
            if (!rates.TryGetValue((cases[t].Suite, cases[t].Item), out var list))
            {
                continue;
            }

            matched++;
            if (caseClusterOf[t] > 0)
            {
                if (!perCluster.TryGetValue(caseClusterOf[t], out var clusterRates))
                {
                    perCluster[caseClusterOf[t]] = clusterRates = [];
                }

                clusterRates.Add(list.Average());
            }
        }

        if (matched == 0)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.CoverageResultsUnmatched,
                "the results folder holds none of the config's test cases (run 'cigate run' with this config first)",
                run.Folder));
        }

        return report with
        {
            Clusters = [.. report.Clusters.Select(c => perCluster.TryGetValue(c.Id, out var r)
                ? c with { CasesWithResults = r.Count, PassRate = r.Average() }
                : c)],
        };
    }
}
