using System.CommandLine;
using CiGate.Core.Comparing;
using CiGate.Core.History;

namespace CiGate.Cli.Commands;

/// <summary>`cigate history record RESULTS_DIR`: stores a run; recording it again is a no-op.</summary>
internal static class HistoryRecordCommand
{
    public static Command Create(TextWriter stdout)
    {
        var folder = new Argument<string>("results") { Description = "A results folder written by 'cigate run' (results.json + items.jsonl)" };
        var repository = new Option<string?>("--repository") { Description = "owner/name (default: GITHUB_REPOSITORY)" };
        var commit = new Option<string?>("--commit") { Description = "Commit SHA (default: GITHUB_SHA)" };
        var branch = new Option<string?>("--branch") { Description = "Branch (default: from GITHUB_REF)" };
        var tag = new Option<string?>("--tag") { Description = "Release tag (default: from GITHUB_REF on a tag push)" };
        var pr = new Option<int?>("--pr") { Description = "Pull request number (default: from GITHUB_REF on a pull request)" };
        var runner = new Option<string?>("--runner") { Description = "Runner name (default: RUNNER_NAME)" };
        var reportUrl = new Option<string?>("--report-url") { Description = "Where this run's report is published (linked from the site)" };
        var outputs = new Option<int>("--output-chars") { Description = "Keep the last N characters of each output (0: none; the results folder keeps them all)", DefaultValueFactory = _ => 0 };
        var command = new Command("record", "Store a results folder in the history: identity, what was measured, metrics and per-item results")
        {
            folder, repository, commit, branch, tag, pr, runner, reportUrl, outputs,
        };
        var store = HistoryOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var run = LoadedRun.Load(parse.GetValue(folder)!);
            var overrides = new RunIdentity(parse.GetValue(repository), parse.GetValue(commit), parse.GetValue(branch), parse.GetValue(tag), parse.GetValue(pr), parse.GetValue(runner), null, parse.GetValue(reportUrl));
            await HistoryRecorder.RecordAsync(run, store.Location(parse), overrides, Math.Max(0, parse.GetValue(outputs)), stdout, ct);
            return 0;
        });
        return command;
    }
}
