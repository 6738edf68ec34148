using System.Security.Cryptography;
using System.Text;
using CiGate.Core.Coverage;
using CiGate.Core.History;
using CiGate.Core.Running;

namespace CiGate.Cli.Commands;

/// <summary>A coverage report as a history row: the traffic as its SHA-256, the id derived from what was
/// measured and the commit, so recording the same measurement twice is a no-op.</summary>
internal static class CoverageHistoryRecord
{
    public static CoverageRecord Build(CoverageReport report, string trafficPath, string embedder,
        IReadOnlyCollection<string> suites, IReadOnlyList<SuiteCase> cases, RunIdentity identity)
    {
        var traffic = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(trafficPath)));
        var suiteNames = suites.Count > 0
            ? string.Join(",", suites.Order(StringComparer.Ordinal))
            : string.Join(",", cases.Select(c => c.Suite).Distinct().Order(StringComparer.Ordinal));
        var caseTexts = string.Join("\u0001", cases.Select(c => $"{c.Suite}\u0002{c.Item}\u0002{c.Text}"));
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{traffic}\n{embedder}\n{suiteNames}\n{caseTexts}\n{identity.Commit}")))[..32];
        var uncovered = report.Uncovered.ToList();
        return new CoverageRecord(
            id,
            identity,
            DateTimeOffset.UtcNow,
            RunContext.CurrentToolVersion,
            traffic,
            embedder,
            suiteNames,
            report.Records,
            report.TestCases,
            report.Clusters.Count,
            uncovered.Count,
            report.Coverage,
            uncovered.Sum(c => c.TrafficShare),
            uncovered.Sum(c => c.NegativeFeedbackShare));
    }
}
