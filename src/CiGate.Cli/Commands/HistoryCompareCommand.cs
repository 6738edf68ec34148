using System.CommandLine;
using CiGate.Core.Diagnostics;
using CiGate.Core.History;
using CiGate.Core.Reporting;
using CiGate.History;

namespace CiGate.Cli.Commands;

/// <summary>
/// `cigate history compare REF_A REF_B`: resolves two references (tags, commits, run ids) to
/// recorded runs and renders exactly what `cigate compare --base A --head B` renders.
/// </summary>
internal static class HistoryCompareCommand
{
    public static Command Create(TextWriter stdout)
    {
        var a = new Argument<string>("base") { Description = "The base: a tag (v1.3), a commit (prefix of at least 4) or a run id" };
        var b = new Argument<string>("head") { Description = "The head: a tag (v1.4), a commit or a run id" };
        var output = new Option<string>("--out", "-o") { Description = "Where reports go", DefaultValueFactory = _ => Path.Combine(".cigate", "history-compare") };
        var config = new Option<string?>("--config") { Description = "Take gate settings from this config instead of the head run" };
        var accept = new Option<bool>("--accept-changes") { Description = "Compare suites whose definition, prompt or dataset changed (unpaired) instead of refusing" };
        var templates = new Option<string?>("--templates") { Description = "Folder of report templates that override the built-in ones" };
        var marker = new Option<string>("--marker") { Description = "Id of the hidden PR-comment marker", DefaultValueFactory = _ => "cigate" };
        var link = new Option<string?>("--report-link") { Description = "Where the full report will be published" };
        var command = new Command("compare", "Compare two recorded runs item by item and write the same reports as 'cigate compare'")
        {
            a, b, output, config, accept, templates, marker, link,
        };
        var store = HistoryOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            // As in compare: ScottPlot's first-chart load overlaps the loading of both runs.
            _ = ReportCharts.WarmUp();
            await using var history = await HistoryStores.OpenAsync(store.Location(parse), ct);
            var baseRun = await HistoryReferences.ResolveAsync(history, parse.GetValue(a)!, ct);
            var headRun = await HistoryReferences.ResolveAsync(history, parse.GetValue(b)!, ct);
            await stdout.WriteLineAsync($"base {parse.GetValue(a)}: run {baseRun.RunId} ({Describe(baseRun)}); head {parse.GetValue(b)}: run {headRun.RunId} ({Describe(headRun)})");
            var @base = await history.LoadAsync(baseRun.RunId, ct) ?? throw Missing(baseRun.RunId);
            var head = await history.LoadAsync(headRun.RunId, ct) ?? throw Missing(headRun.RunId);
            var report = new ReportOptions(parse.GetValue(templates), parse.GetValue(link), parse.GetValue(marker) ?? "cigate");
            return await CompareCommand.ReportAsync(@base, head, parse.GetValue(config), parse.GetValue(accept), Path.GetFullPath(parse.GetValue(output)!), report, stdout, ct);
        });
        return command;
    }

    private static string Describe(RecordedRun run) =>
        $"{(run.Identity.Commit is { } c ? c[..Math.Min(7, c.Length)] : "no commit")}, {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    private static CiGateException Missing(string runId) =>
        new(new Diagnostic(DiagnosticCodes.HistoryReferenceNotFound, $"run {runId} disappeared from the store while comparing"));
}
