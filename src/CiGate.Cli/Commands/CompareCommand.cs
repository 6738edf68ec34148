using System.CommandLine;
using CiGate.Cli.Output;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;

namespace CiGate.Cli.Commands;

/// <summary>
/// Compares a head results folder with a base one, gates, and writes the reports. Works from
/// results folders alone; gate settings come from --config when given, else from the head run.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var baseDir = new Option<string>("--base") { Description = "Results folder of the base branch's run", Required = true };
        var headDir = new Option<string>("--head") { Description = "Results folder of the pull request's run", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "Where reports go (default: HEAD/compare)" };
        var config = new Option<string?>("--config") { Description = "Take gate settings from this config instead of the head run" };
        var accept = new Option<bool>("--accept-changes") { Description = "Compare suites whose definition, prompt or dataset changed (unpaired) instead of refusing" };
        var templates = new Option<string?>("--templates") { Description = "Folder of report templates that override the built-in ones" };
        var marker = new Option<string>("--marker") { Description = "Id of the hidden PR-comment marker (one per workflow)", DefaultValueFactory = _ => "cigate" };
        var link = new Option<string?>("--report-link") { Description = "Where the full report will be published (named when the comment is cut)" };
        var command = new Command("compare", "Compare a head run with its base, gate the result and write the reports")
        {
            baseDir, headDir, output, config, accept, templates, marker, link,
        };
        var record = new HistoryRecorder.Switch(command);
        command.SetAction(async (parse, ct) =>
        {
            // The two folders are independent: read them side by side.
            var loads = new[] { parse.GetValue(headDir)!, parse.GetValue(baseDir)! }.Select(dir => Task.Run(() => LoadedRun.Load(dir), ct)).ToArray();
            var runs = await Task.WhenAll(loads);
            var (head, @base) = (runs[0], runs[1]);
            foreach (var note in runs.Select(r => r.Unverified).OfType<string>())
            {
                await stderr.WriteLineAsync($"warning: {note}");
            }

            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(head.Folder, "compare"));
            var report = new ReportOptions(parse.GetValue(templates), parse.GetValue(link), parse.GetValue(marker) ?? "cigate");
            var exitCode = await ReportAsync(@base, head, parse.GetValue(config), parse.GetValue(accept), folder, report, stdout, ct);
            await record.RecordIfAskedAsync(parse, head, stderr, ct);
            return exitCode;
        });
        return command;
    }

    /// <summary>
    /// Pairs, gates and writes the reports: the one rendering path of `compare` and `history
    /// compare` (whose runs come from the history store instead of folders).
    /// </summary>
    internal static async Task<int> ReportAsync(LoadedRun @base, LoadedRun head, string? configPath, bool acceptChanges, string folder, ReportOptions report, TextWriter stdout, CancellationToken ct)
    {
        var suites = configPath is { } path ? ConfigLoader.Load(path).Suites : null;
        var gates = suites is not null
            ? suites.ToDictionary(s => s.Name, s => s.Gate, StringComparer.Ordinal)
            : head.Results.Suites.Where(s => s.Gate is not null).DistinctBy(s => s.Suite).ToDictionary(s => s.Suite, s => s.Gate!, StringComparer.Ordinal);

        // A perf suite's gate is also its SLOs and regression rule: --config replaces those the head run recorded.
        var perfGates = suites?.OfType<Core.Suites.Perf.PerfSuite>().ToDictionary(s => s.Name, s => new Core.Suites.Perf.PerfGateOverride(s.Slos, s.Regression), StringComparer.Ordinal);
        var comparison = Comparer.Compare(@base, head, new CompareOptions(acceptChanges, Gates: gates, PerfGates: perfGates));
        var result = Gate.Evaluate(comparison, gates);

        var reports = ReportRenderer.Render(result, report);
        await ReportRenderer.WriteAsync(reports, folder, ct);
        await ComparisonJson.WriteAsync(result, folder, ct);
        VerdictPrinter.Print(stdout, result, folder);
        return result.ExitCode;
    }
}
