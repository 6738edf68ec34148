using System.CommandLine;
using CiGate.Core.Diagnostics;
using CiGate.Core.History;
using CiGate.Core.History.Rendering;
using CiGate.History;

namespace CiGate.Cli.Commands;

/// <summary>`cigate history trend`: one metric of one suite over runs, with breaks where what was measured changed.</summary>
internal static class HistoryTrendCommand
{
    public static Command Create(TextWriter stdout)
    {
        var suite = new Option<string?>("--suite") { Description = "The suite (or --coverage)" };
        var coverage = new Option<bool>("--coverage")
        {
            Description = "The coverage measurements of 'cigate coverage --record' instead of a suite; --metric is "
                + string.Join(", ", CoverageRecord.Metrics) + "; --target filters on the embedder",
        };
        var metric = new Option<string>("--metric") { Description = "The metric, e.g. exact_match,mmlu-pro", Required = true };
        var branch = new Option<string?>("--branch") { Description = "Only runs of this branch (e.g. main)" };
        var target = new Option<string?>("--target") { Description = "Only this target" };
        var last = new Option<int?>("--last") { Description = "Only the N newest runs" };
        var format = new Option<TrendFormat>("--format") { Description = "text (a table), md (a table and Mermaid charts) or html (a page with charts)", DefaultValueFactory = _ => TrendFormat.Text };
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of stdout" };
        var command = new Command("trend", "Show a metric over recorded runs; a change of model, dataset, prompt or suite definition breaks the line")
        {
            suite, coverage, metric, branch, target, last, format, output,
        };
        var store = HistoryOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var isCoverage = parse.GetValue(coverage);
            if (isCoverage == (parse.GetValue(suite) is not null))
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.Usage,
                    "give either --suite (a suite's metric) or --coverage (coverage measurements), one of them"));
            }

            var query = new TrendQuery(
                parse.GetValue(suite) ?? "coverage",
                parse.GetValue(metric)!,
                parse.GetValue(branch),
                parse.GetValue(target),
                parse.GetValue(last));
            await using var history = await HistoryStores.OpenAsync(store.Location(parse), ct);
            var trend = isCoverage ? await LoadCoverageAsync(history, query, ct) : await LoadAsync(history, query, ct);
            var text = parse.GetValue(format) switch
            {
                TrendFormat.Md => TrendMarkdown.Render(trend),
                TrendFormat.Html => TrendHtml.Render(trend),
                _ => TrendText.Render(trend),
            };
            await HistoryOutput.WriteAsync(stdout, parse.GetValue(output), text, ct);
            return 0;
        });
        return command;
    }

    /// <summary>The coverage trend, or CIGATE0706 when nothing was recorded.</summary>
    private static async Task<Trend> LoadCoverageAsync(IHistoryStore history, TrendQuery query, CancellationToken ct)
    {
        var trend = Trend.Build(query, await history.CoverageSeriesAsync(query, ct));
        return trend.IsEmpty
            ? throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryNoData,
                $"no coverage history for {query.Metric}: record some with 'cigate coverage --record'"
                + (query.Branch is null && query.Target is null ? "" : " (or drop --branch / --target)")))
            : trend;
    }

    /// <summary>The trend, or CIGATE0706 naming what the store does have.</summary>
    internal static async Task<Trend> LoadAsync(IHistoryStore history, TrendQuery query, CancellationToken ct)
    {
        var trend = Trend.Build(query, await history.SeriesAsync(query, ct));
        if (!trend.IsEmpty)
        {
            return trend;
        }

        var runs = await history.ListAsync(new HistoryFilter(Suite: query.Suite, Last: 20), ct);
        var metrics = runs.SelectMany(r => r.Suites).Where(s => s.Suite == query.Suite).SelectMany(s => s.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var hint = runs.Count == 0
            ? $"no recorded run has suite '{query.Suite}'"
            : metrics.Contains(query.Metric) ? "no run matches the branch or target given" : $"suite '{query.Suite}' has metrics {string.Join(", ", metrics)}";
        throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryNoData, $"no history for {query.Suite} {query.Metric}: {hint}"));
    }
}
