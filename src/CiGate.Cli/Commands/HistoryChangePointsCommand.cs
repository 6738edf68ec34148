using System.CommandLine;
using System.Globalization;
using CiGate.Core.History;
using CiGate.Core.History.ChangePoints;
using CiGate.History;

namespace CiGate.Cli.Commands;

/// <summary>
/// `cigate history changepoints`: where along a branch a metric shifted (E-Divisive means with
/// a seeded permutation test). A post-merge tool: it names the commit to look at, it gates nothing.
/// </summary>
internal static class HistoryChangePointsCommand
{
    public static Command Create(TextWriter stdout)
    {
        var suite = new Option<string>("--suite") { Description = "The suite", Required = true };
        var metric = new Option<string>("--metric") { Description = "The metric, e.g. exact_match,mmlu-pro", Required = true };
        var branch = new Option<string?>("--branch") { Description = "Only runs of this branch (e.g. main)" };
        var target = new Option<string?>("--target") { Description = "Only this target" };
        var last = new Option<int?>("--last") { Description = "Only the N newest runs" };
        var alpha = new Option<double>("--alpha") { Description = "Significance of the permutation test", DefaultValueFactory = _ => 0.01 };
        var permutations = new Option<int>("--permutations") { Description = "Permutations per test", DefaultValueFactory = _ => 499 };
        var seed = new Option<int>("--seed") { Description = "Seed of the permutations: the same seed gives the same answer", DefaultValueFactory = _ => 20240601 };
        var command = new Command("changepoints", "Find the commits where a metric shifted along a branch (E-Divisive means)")
        {
            suite, metric, branch, target, last, alpha, permutations, seed,
        };
        var store = HistoryOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var query = new TrendQuery(parse.GetValue(suite)!, parse.GetValue(metric)!, parse.GetValue(branch), parse.GetValue(target), parse.GetValue(last));
            await using var history = await HistoryStores.OpenAsync(store.Location(parse), ct);
            var trend = await HistoryTrendCommand.LoadAsync(history, query, ct);
            var options = new EDivisiveOptions(parse.GetValue(alpha), Math.Max(19, parse.GetValue(permutations)), Seed: parse.GetValue(seed));
            var found = ChangePointDetector.Detect(trend, options);
            var points = trend.Series.Sum(s => s.Points.Count());
            await stdout.WriteLineAsync($"{query.Suite} {query.Metric}{(query.Branch is null ? "" : $" on {query.Branch}")}: {points} runs, {found.Count} change point(s) (E-Divisive means, alpha {options.Alpha.ToString(CultureInfo.InvariantCulture)}, {options.Permutations} permutations, seed {options.Seed})");
            foreach (var series in trend.Series)
            {
                foreach (var segment in series.Segments.Where(s => s.BreakReasons.Count > 0))
                {
                    await stdout.WriteLineAsync($"  break  {series.Target}  at {segment.Points[0].Label} ({segment.Points[0].Identity.Commit ?? segment.Points[0].RunId}): {string.Join("; ", segment.BreakReasons)}; not a change point, the series restarts");
                }
            }

            foreach (var c in found)
            {
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  shift  {c.Target}  at commit {c.At.Identity.Commit ?? "(none)"} ({c.At.Label}, run {c.At.RunId}, {c.At.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC): {c.MeanBefore:0.0000} -> {c.MeanAfter:0.0000} ({c.Shift:+0.0000;-0.0000}), p = {c.PValue:0.###}; last run before it: {c.Previous.Label}"));
            }

            return 0;
        });
        return command;
    }
}
