using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;
using GateVerdict = CiGate.Core.Gating.Verdict;
using static CiGate.Core.Tests.Reporting.Gates;

namespace CiGate.Core.Tests.Reporting;

/// <summary>
/// The "Definition changed" and "No base results" blocks (templates/changes.*.sbn) in every
/// report, compared with reviewed golden files. Kept apart from <see cref="GoldenReportTests"/>
/// so the blocks are reviewed on their own.
/// </summary>
public sealed class ChangesGoldenTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in new[] { "definition-changed", "no-base", "no-base-optional" })
        {
            foreach (var report in new[] { "comment.md", "html" })
            {
                data.Add(fixture, report);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Report_matches_its_golden_file(string fixture, string report)
    {
        var reports = ReportRenderer.Render(Get(fixture), new ReportOptions());

        GoldenFile.Verify($"{fixture}.{report}", report == "html" ? reports.Html : reports.PrComment);
    }

    [Fact]
    public void A_long_list_of_changed_keys_is_capped()
    {
        var keys = Enumerable.Range(0, 45).Select(i => new DefinitionKeyChange($"scoring.filters.k{i:00}", $"scoring.filters.k{i:00}: {i} → {i + 1}")).ToList();
        var suite = Suite("qa", "local", Metric("exact_match,f", 100, 0.7, 0.7, 0.01, 0.5, 0.5, 0, 0)) with
        {
            DefinitionChange = new DefinitionChange(["the suite definition changed"], keys, true, DefinitionChangePolicy.Accept),
        };

        var comment = ReportRenderer.Render(Result(Verdict(suite, GateVerdict.Pass, "ok")), new ReportOptions()).PrComment;

        Assert.Contains("k18: 18 → 19", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("k19: 19 → 20", comment, StringComparison.Ordinal);
        Assert.Contains("and 26 more changed keys (see gate.json)", comment, StringComparison.Ordinal);
    }

    private static GateResult Get(string name) => name switch
    {
        "definition-changed" => DefinitionChanged(),
        "no-base" => Gate.WithoutBase(NewSuite(), new NoBase("no artifact 'cigate-results' for base commit 1111111", Required: true)),
        "no-base-optional" => Gate.WithoutBase(NewSuite(), new NoBase("not a pull request, so there is no base commit", Required: false)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown fixture"),
    };

    // A max_tokens change (items still paired, warns) and a new template (nothing paired, fails per policy).
    private static GateResult DefinitionChanged()
    {
        var maxTokens = Suite("mmlu-pro", "local", Metric("exact_match,mmlu-pro", 1000, 0.702, 0.705, 0.012, 0.69, 0.69, 20, 23), changes: ["the suite definition changed"]) with
        {
            DefinitionChange = new DefinitionChange(
                ["the suite definition changed"],
                [new DefinitionKeyChange("generation.max_tokens", "generation.max_tokens: 2048 → 1024", "/work/cigate.yml", 9)],
                true,
                DefinitionChangePolicy.Warn),
        };
        var template = Suite("gsm8k", "local", Metric("exact_match,strict-match", 1319, 0.781, 0.772, 0.03, 0.3, 0.3, 0, 0, "unpaired z-test"), pairing: Pairing.Unpaired, changes: ["the prompt template changed"]) with
        {
            DefinitionChange = new DefinitionChange(
                ["the prompt template changed"],
                [new DefinitionKeyChange("prompt.template", "prompt.template: 3 lines changed"), new DefinitionKeyChange("dataset", "dataset content: sha256 0123456789ab → ba9876543210, 1319 → 1320 records")],
                false,
                DefinitionChangePolicy.Fail),
        };
        return Result(
            Verdict(maxTokens, GateVerdict.Warn, "definition changed: generation.max_tokens: 2048 → 1024 (on_definition_change: warn)"),
            Verdict(template, GateVerdict.Fail, "definition changed (keys unknown: base recorded by an older cigate); prompt.template: 3 lines changed (on_definition_change: fail)"));
    }

    private static GateResult NewSuite() => Result(
        Verdict(Suite("mmlu-pro", "local", Metric("exact_match,mmlu-pro", 0, double.NaN, 0.705, double.NaN, double.NaN, double.NaN, 0, 0), pairing: Pairing.Unpaired, changes: ["new in head: no base run to compare with"]), GateVerdict.Pass, "new suite: no base run to compare with"));
}
