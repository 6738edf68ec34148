using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CiGate.Core.Diagnostics;
using CiGate.Core.History;
using CiGate.Core.Results;
using CiGate.History;

namespace CiGate.Cli.Commands;

/// <summary>`cigate history list`: recorded runs, newest first, filtered by suite, branch, tag and date.</summary>
internal static class HistoryListCommand
{
    public static Command Create(TextWriter stdout)
    {
        var suite = new Option<string?>("--suite") { Description = "Only runs of this suite" };
        var branch = new Option<string?>("--branch") { Description = "Only runs of this branch" };
        var tag = new Option<string?>("--tag") { Description = "Only runs of this tag" };
        var since = new Option<string?>("--since") { Description = "Only runs started on or after this date (YYYY-MM-DD or ISO 8601)" };
        var last = new Option<int>("--last") { Description = "At most N runs", DefaultValueFactory = _ => 50 };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("list", "List recorded runs, newest first") { suite, branch, tag, since, last, format };
        var store = HistoryOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var filter = new HistoryFilter(parse.GetValue(suite), parse.GetValue(branch), parse.GetValue(tag), ParseSince(parse.GetValue(since)), Math.Max(1, parse.GetValue(last)));
            await using var history = await HistoryStores.OpenAsync(store.Location(parse), ct);
            var runs = await history.ListAsync(filter, ct);
            if (parse.GetValue(format) == "json")
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(runs, ResultsJson.Options));
                return 0;
            }

            if (runs.Count == 0)
            {
                await stdout.WriteLineAsync("no recorded runs match");
                return 0;
            }

            await stdout.WriteLineAsync($"{"run",-10} {"started (UTC)",-16} {"branch",-16} {"tag",-10} {"pr",5} {"commit",-8} {"status",-10} suites");
            foreach (var run in runs)
            {
                var id = run.Identity;
                var suites = string.Join("; ", run.Suites.Select(s => $"{s.Suite}@{s.Target} "
                    + string.Join(" ", s.Metrics.Take(2).Select(m =>
                        $"{m.Key}={m.Value.Value.ToString("0.0000", CultureInfo.InvariantCulture)}"))
                    + (s.IdentityBreak ? " [identity break]" : "")));
                await stdout.WriteLineAsync($"{run.RunId[..Math.Min(8, run.RunId.Length)],-10} {run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),-16} {id.Branch ?? "-",-16} {id.Tag ?? "-",-10} {id.PullRequest?.ToString(CultureInfo.InvariantCulture) ?? "-",5} {(id.Commit is { } c ? c[..Math.Min(7, c.Length)] : "-"),-8} {run.Status,-10} {suites}");
            }

            return 0;
        });
        return command;
    }

    internal static DateTimeOffset? ParseSince(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new CiGateException(new Diagnostic(DiagnosticCodes.Usage, $"--since '{text}' is not a date (YYYY-MM-DD or ISO 8601)"));
    }
}
