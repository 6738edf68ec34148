using System.CommandLine;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Coverage;
using CiGate.Core.Diagnostics;
using CiGate.Core.Gating;
using CiGate.Core.History;
using CiGate.History;

namespace CiGate.Cli.Commands;

/// <summary>
/// `cigate coverage --traffic FILE`: how much of logged traffic the config's test cases cover, and the largest
/// uncovered clusters with redacted exemplars; with --results, each covered cluster's pass rate. Offline (hashed
/// n-gram embedder): no model, no key, no network.
/// Exits 0 once measured, or 1 when the config's `coverage: { min }` gate fails (a `warn_min` warning exits 0);
/// bad input exits 2 with one line.
/// </summary>
internal static class CoverageCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var traffic = new Option<string>("--traffic") { Description = "Logged traffic: .jsonl or .csv (prompt or messages, optional model, feedback) or an OpenTelemetry GenAI JSON export", Required = true };
        var suites = new Option<string[]>("--suite") { Description = "Only this suite's cases (repeatable; default: every prompts and accuracy suite)" };
        var config = new Option<string>("--config") { Description = "The config file or folder", DefaultValueFactory = _ => ConfigLoader.DefaultFileName };
        var json = new Option<string?>("--json") { Description = "Write the report as JSON here" };
        var markdown = new Option<string?>("--markdown") { Description = "Write the report as markdown (PR comment, job summary) here" };
        var html = new Option<string?>("--html") { Description = "Write the report as one HTML page here" };
        var results = new Option<string?>("--results")
        {
            Description = "A results folder of 'cigate run' with this config: each covered cluster's pass rate",
        };
        var embedder = CoverageEmbedding.Option();
        var record = new Option<bool>("--record")
        {
            Description = "Also record coverage, clusters and the uncovered share in the history store "
                + "(see 'cigate history trend --coverage')",
        };
        var commit = new Option<string?>("--commit")
        {
            Description = "With --record: commit SHA (default: GITHUB_SHA)",
        };
        var branch = new Option<string?>("--branch") { Description = "With --record: branch (default: GITHUB_REF)" };
        var tag = new Option<string?>("--tag") { Description = "With --record: release tag (default: GITHUB_REF)" };
        var command = new Command("coverage",
            "Measure how much of logged traffic the test cases cover and list the largest uncovered clusters")
        {
            traffic, suites, config, json, markdown, html, results, embedder, record, commit, branch, tag,
        };
        var store = HistoryOptions.AddPrefixedTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            var only = parse.GetValue(suites) ?? [];
            var cases = SuiteCases.Named(loaded, only.Length > 0 ? only : null);
            var run = parse.GetValue(results) is { } folder ? LoadedRun.Load(folder) : null;
            var records = TrafficReader.Read(parse.GetValue(traffic)!);
            ct.ThrowIfCancellationRequested();
            var analysis = await CoverageEmbedding.AnalyzeAsync(loaded, parse.GetValue(embedder)!, records,
                [.. cases.Select(c => c.Text)], stderr, ct);
            var report = run is null ? analysis.Report
                : ClusterPassRates.Apply(analysis.Report, cases, analysis.CaseClusterOf, run);
            var gate = loaded.CoverageGate is { } floors ? CoverageGate.Evaluate(floors, report.Coverage) : null;
            if (parse.GetValue(json) is { } jsonPath)
            {
                await Write(jsonPath, CoverageOutput.Json(report, gate), ct);
            }

            if (parse.GetValue(markdown) is { } markdownPath)
            {
                await Write(markdownPath, CoverageOutput.Markdown(report, gate), ct);
            }

            if (parse.GetValue(html) is { } htmlPath)
            {
                await Write(htmlPath, CoverageOutput.Html(report, gate), ct);
            }

            await stdout.WriteAsync(CoverageOutput.Console(report, gate));
            if (parse.GetValue(record))
            {
                var identity = RunIdentityResolver.FromProcessEnvironment()
                    .With(new RunIdentity(Commit: parse.GetValue(commit), Branch: parse.GetValue(branch),
                        Tag: parse.GetValue(tag)));
                var measured = CoverageHistoryRecord.Build(report, parse.GetValue(traffic)!, parse.GetValue(embedder)!,
                    only, cases, identity);
                await using var history = await HistoryStores.OpenAsync(store.Location(parse), ct);
                var outcome = await history.RecordCoverageAsync(measured, ct);
                await stderr.WriteLineAsync($"history: coverage {measured.MeasurementId[..12]} "
                    + (outcome == RecordOutcome.Recorded ? "recorded" : "already recorded (nothing changed)")
                    + $" in {store.Location(parse).Describe()}");
            }

            return gate?.Verdict == Verdict.Fail ? ExitCodes.GateFailed : ExitCodes.Pass;
        });
        return command;
    }

    private static async Task Write(string path, string content, CancellationToken ct)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllTextAsync(path, content, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.Usage, $"cannot write '{path}': {ex.Message}",
                path));
        }
    }
}
