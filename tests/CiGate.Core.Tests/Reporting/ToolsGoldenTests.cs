using System.Text.RegularExpressions;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;
using CiGate.Core.Running;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Config;
using CiGate.Core.Tests.Suites.Tools;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Reporting;

/// <summary>
/// A tools suite's PR comment and HTML page from a real base-vs-head run: the bfcl preset over a
/// subset of the five categories (8 items each), base and head two seeds of one simulated model at
/// accuracy 0.8 (real HTTP), compared, gated and rendered; compared with reviewed golden files. The
/// comment shows the per-category groups, the flipped items with BFCL's reasons and the kind's own
/// section: how each flipped item's tool calls changed.
/// </summary>
public sealed class ToolsGoldenTests
{
    [Theory]
    [InlineData("comment.md")]
    [InlineData("html")]
    public async Task Two_simulator_seeds_over_bfcl_render_trajectory_diffs(string report)
    {
        var (reports, folder) = await RenderAsync(TestContext.Current.CancellationToken);

        var text = report == "html" ? reports.Html : reports.PrComment;
        GoldenFile.Verify($"tools-bfcl.{report}", Scrub(text, folder));
    }

    [Fact]
    public async Task The_comment_groups_by_category_and_diffs_the_calls_of_flipped_items()
    {
        var comment = (await RenderAsync(TestContext.Current.CancellationToken)).Reports.PrComment;

        Assert.Contains("bfcl on sim: 5 groups by category", comment, StringComparison.Ordinal);
        foreach (var category in new[] { "simple&#95;python", "multiple", "parallel", "parallel&#95;multiple", "irrelevance" })
        {
            Assert.Matches($@"\n\| {category} \| 8 \| ", comment);
        }

        // Each kind of difference the simulator's mistakes make shows up in the kind's own section.
        Assert.Contains("how the tool calls changed (8 flipped cases, first repeat)", comment, StringComparison.Ordinal);
        Assert.Contains("| head adds call 1: draw&#95;circle |", comment, StringComparison.Ordinal);
        Assert.Contains("| head drops call 1: algebra&#95;quadratic&#95;roots |", comment, StringComparison.Ordinal);
        Assert.Contains("country \"Brazil\" → \"Brazil (unverified)\"", comment, StringComparison.Ordinal);
    }

    /// <summary>Run ids, start times and the temporary results folders differ from run to run.</summary>
    private static string Scrub(string text, string folder)
    {
        text = text.Replace(folder, "TEMP", StringComparison.Ordinal);
        text = Regex.Replace(text, "run [0-9a-f]{32}", "run RUN-ID");
        text = Regex.Replace(text, @"latency p50 [^<\n]*?ms(?: \([^)]*\))?\.", "latency p50 (scrubbed).");
        return Regex.Replace(text, @"started \d{4}-\d\d-\d\d \d\d:\d\d UTC", "started TIME");
    }

    private static async Task<(RenderedReports Reports, string Folder)> RenderAsync(CancellationToken ct)
    {
        var dataset = BfclData.Folder().Replace('\\', '/');
        using var folder = new TempFolder();
        var runs = new List<LoadedRun>();
        foreach (var seed in new[] { 1, 2 })
        {
            await using var server = await SimulatorServer.StartAsync(
                new SimulatorOptions { Models = [new SimulatorModel("fc", 0.8, seed)], BfclKeys = [dataset] }, ct);
            var config = folder.Write($"seed{seed}.yml", $$"""
                version: 1
                targets:
                  sim: { base_url: {{server.BaseUrl}}, model: fc, concurrency: 8, timeout: 10s }
                suites:
                  bfcl:
                    preset: bfcl
                    bfcl: { dataset: "{{dataset}}", limit: 8 }
                """);
            var loaded = ConfigLoader.Load(config);
            var output = Path.Combine(folder.Path, $"seed{seed}");
            await using var client = TargetClientFactory.Create(loaded.Targets.Single().Config);
            var clients = new Dictionary<string, ITargetClient>(StringComparer.Ordinal) { ["sim"] = client };
            await Runner.RunAsync(
                PlanBuilder.Build(loaded), clients, new RunOptions(output, false), new RunContext(config, "0.0.0-test"),
                null, ct);
            runs.Add(LoadedRun.Load(output));
        }

        var comparison = Comparer.Compare(runs[0], runs[1], new CompareOptions());
        var gates = runs[1].Results.Suites.Where(s => s.Gate is not null)
            .ToDictionary(s => s.Suite, s => s.Gate!, StringComparer.Ordinal);
        var result = Gate.Evaluate(comparison, gates);
        return (ReportRenderer.Render(result, new ReportOptions()), folder.Path);
    }
}
