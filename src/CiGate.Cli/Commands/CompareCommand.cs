using System.CommandLine;
using CiGate.Cli.Output;
using CiGate.Core.Comparing;
using CiGate.Core.Comparing.Pairwise;
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
        var baseDir = new Option<string?>("--base") { Description = "Results folder of the base branch's run; left out, empty or absent when there is none" };
        var requireBase = new Option<bool>("--require-base") { Description = "Without base results, make the verdict inconclusive (exit 3) instead of none (default: true on pull_request events, else false)" };
        var noBaseReason = new Option<string?>("--no-base-reason") { Description = "Why there is no base, for the report (when --base is empty)" };
        var headDir = new Option<string>("--head") { Description = "Results folder of the pull request's run", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "Where reports go (default: HEAD/compare)" };
        var config = new Option<string?>("--config") { Description = "Take gate settings from this config instead of the head run" };
        var accept = new Option<bool>("--accept-changes") { Description = "Accept every change of a suite's definition, prompt or dataset (as on_definition_change: accept on every suite)" };
        var templates = new Option<string?>("--templates") { Description = "Folder of report templates that override the built-in ones" };
        var marker = new Option<string>("--marker") { Description = "Id of the hidden PR-comment marker (one per workflow)", DefaultValueFactory = _ => "cigate" };
        var link = new Option<string?>("--report-link") { Description = "Where the full report will be published (named when the comment is cut)" };
        var json = JsonOutput.Option();
        var command = new Command("compare", "Compare a head run with its base, gate the result and write the reports")
        {
            baseDir, headDir, output, config, accept, templates, marker, link, requireBase, noBaseReason, json,
        };
        var record = new HistoryRecorder.Switch(command);
        command.SetAction(async (parse, ct) =>
        {
            // report.html's charts cost ScottPlot's first-chart load (0.1-0.7 s): pay it beside the reading below.
            _ = ReportCharts.WarmUp();

            // A missing base is never silent: the report says so, and on pull requests it is inconclusive.
            var baseFolder = parse.GetValue(baseDir);
            var noBase = IsMissing(baseFolder) ? new NoBase(WhyNoBase(baseFolder, parse.GetValue(noBaseReason)), RequireBase(parse, requireBase)) : null;

            // The two folders are independent: read them side by side.
            var loadHead = Task.Run(() => LoadedRun.Load(parse.GetValue(headDir)!), ct);
            var loadBase = Task.Run(() => noBase is null ? LoadedRun.Load(baseFolder!) : LoadedRun.Missing(baseFolder), ct);
            var (head, @base) = (await loadHead, await loadBase);
            foreach (var note in new[] { head, @base }.Select(r => r.Unverified).OfType<string>())
            {
                await stderr.WriteLineAsync($"warning: {note}");
            }

            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(head.Folder, "compare"));
            var report = new ReportOptions(parse.GetValue(templates), parse.GetValue(link), parse.GetValue(marker) ?? "cigate");
            var exitCode = await ReportAsync(@base, head, parse.GetValue(config), parse.GetValue(accept), folder, report, stdout, ct, noBase, parse.GetValue(json));
            await record.RecordIfAskedAsync(parse, head, stderr, ct);
            return exitCode;
        });
        return command;
    }

    /// <summary>
    /// Pairs, gates and writes the reports: the one rendering path of `compare` and `history
    /// compare` (whose runs come from the history store instead of folders).
    /// </summary>
    internal static async Task<int> ReportAsync(
        LoadedRun @base, LoadedRun head, string? configPath, bool acceptChanges, string folder, ReportOptions report, TextWriter stdout, CancellationToken ct,
        NoBase? noBase = null, bool json = false)
    {
        var suites = configPath is { } path ? ConfigLoader.Load(path).Suites : null;
        var gates = suites is not null
            ? suites.ToDictionary(s => s.Name, s => s.Gate, StringComparer.Ordinal)
            : head.Results.Suites.Where(s => s.Gate is not null).DistinctBy(s => s.Suite).ToDictionary(s => s.Suite, s => s.Gate!, StringComparer.Ordinal);

        // A kind's gate can read more than `gate:` (perf: SLOs, regression rule): --config replaces what the head run recorded.
        var definitions = suites?.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var comparison = Comparer.Compare(@base, head, new CompareOptions(acceptChanges, Gates: gates, Definitions: definitions, ConfigPath: configPath));
        comparison = await JudgePairwiseAsync(comparison, @base, head, configPath, folder, ct);
        var result = Gate.Evaluate(comparison, gates);
        if (noBase is not null)
        {
            result = Gate.WithoutBase(result, noBase);
        }

        var reports = ReportRenderer.Render(result, report);
        await ReportRenderer.WriteAsync(reports, folder, ct);
        await ComparisonJson.WriteAsync(result, folder, ct);
        if (json)
        {
            await JsonOutput.WriteFileAsync(stdout, Path.Combine(folder, ComparisonJson.FileName), ct);
        }
        else
        {
            VerdictPrinter.Print(stdout, result, folder);
        }

        return result.ExitCode;
    }

    /// <summary>
    /// Suites with `pairwise:` are judged head against base by their grader (cached under the
    /// head folder); a simulated grader is started again from the config. Nothing for other suites.
    /// </summary>
    private static async Task<Comparison> JudgePairwiseAsync(
        Comparison comparison, LoadedRun @base, LoadedRun head, string? configPath, string output, CancellationToken ct)
    {
        var judges = head.Results.Suites.Select(s => s.Pairwise?.Judge).OfType<Core.Results.JudgeInfo>().ToList();
        if (judges.Count == 0 || @base.Results.Suites.Count == 0)
        {
            return comparison;
        }

        // Runs read from the history store have no folder: the cache then goes with the reports.
        var cache = Path.Combine(Directory.Exists(head.Folder) ? head.Folder : output, "pairwise-cache");
        var simulated = judges.Where(j => j.Simulated).Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        var path = configPath ?? head.Results.ConfigPath;
        if (simulated.Count == 0 || string.IsNullOrEmpty(path) || !(File.Exists(path) || Directory.Exists(path)))
        {
            return await PairwiseJudging.JudgeAsync(comparison, @base, head, new PairwiseJudgingOptions(cache), ct);
        }

        var config = ConfigLoader.Load(path);
        config = config with { Targets = [.. config.Targets.Where(t => simulated.Contains(t.Name))] };
        await using var launcher = new SimulatorLauncher();
        var started = await launcher.StartAsync(config, ct);
        var options = new PairwiseJudgingOptions(cache)
        {
            Graders = started.Targets.ToDictionary(t => t.Name, t => t.Config, StringComparer.Ordinal),
        };
        return await PairwiseJudging.JudgeAsync(comparison, @base, head, options, ct);
    }

    /// <summary>No base: no folder given, or one that is absent or empty (the action's base step leaves it so).</summary>
    private static bool IsMissing(string? folder) =>
        string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any();

    private static string WhyNoBase(string? folder, string? reason) =>
        !string.IsNullOrWhiteSpace(reason) ? reason
        : string.IsNullOrWhiteSpace(folder) ? "no --base folder was given"
        : $"the base folder '{folder}' is empty or absent";

    /// <summary>--require-base when given; otherwise required on pull requests, where a missing base would switch the gate off.</summary>
    private static bool RequireBase(ParseResult parse, Option<bool> option) =>
        parse.GetResult(option) is { Implicit: false }
            ? parse.GetValue(option)
            : Environment.GetEnvironmentVariable("GITHUB_EVENT_NAME") is "pull_request" or "pull_request_target";
}
