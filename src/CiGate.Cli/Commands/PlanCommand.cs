using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using CiGate.Cli.Output;
using CiGate.Core.Config;
using CiGate.Core.Costs;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Running.Planning;

namespace CiGate.Cli.Commands;

/// <summary>
/// What a run would send and spend, per suite, before anything runs: requests, tokens, cost and
/// expected time, from a base run's recorded usage (<c>--base</c>) or a stated heuristic. Calls no
/// model and starts nothing.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(TextWriter stdout)
    {
        var config = CommonOptions.ConfigArgument();
        var baseFolder = new Option<string?>("--base")
        {
            Description = "A results folder (e.g. main's last run) whose recorded usage the estimate is drawn from; "
                + "without it, a heuristic (rendered prompt length / 4 chars per token, max_tokens)",
        };
        var suites = new Option<string[]>("--suite", "-s")
        {
            Description = "Plan only these suites (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };
        var limit = new Option<int?>("--limit") { Description = "At most N items per suite, as run --limit" };
        var json = JsonOutput.Option();
        var command = new Command(
            "plan", "Estimate requests, tokens, cost and time per suite before a run, calling no model")
        {
            config, baseFolder, suites, limit, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            var plans = PlanBuilder.Build(loaded, parse.GetValue(suites), parse.GetValue(limit));
            var from = parse.GetValue(baseFolder);
            if (from is not null && !File.Exists(Path.Combine(from, ItemsFile.FileName)))
            {
                throw new CiGateException(new Diagnostic(
                    DiagnosticCodes.ResultsNotFound,
                    $"--base: no {ItemsFile.FileName} in this folder; give a results folder written by 'cigate run'",
                    Path.GetFullPath(from)));
            }

            var estimate = PlanEstimator.Estimate(plans, loaded.Targets, from);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(stdout, Json(estimate, loaded.Budget));
            }
            else
            {
                await stdout.WriteAsync(Text(estimate, loaded.Budget));
            }

            return ExitCodes.Pass;
        });
        return command;
    }

    internal static string Text(RunEstimate estimate, Budget? budget)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine(estimate.BaseFolder is { } folder
            ? $"cigate plan: estimated from the base run in {folder}"
            : "cigate plan: no base run given (--base); estimated by heuristic");
        foreach (var s in estimate.Suites)
        {
            w.WriteLine();
            w.WriteLine($"{s.Suite} on {s.Target} ({s.Kind}):");
            var graders = s.GraderRequests > 0 ? Invariant($" + {s.GraderRequests:0} grader") : "";
            w.WriteLine(Invariant($"  requests  {s.Requests}{graders}"));
            var graderTokens = s.GraderRequests > 0
                ? Invariant($" (+ graders {s.GraderPromptTokens:0} prompt, {s.GraderCompletionTokens:0} completion)")
                : "";
            w.WriteLine(Invariant(
                $"  tokens    {s.PromptTokens:0} prompt, {s.CompletionTokens:0} completion{graderTokens}"));
            var price = s.Cost is { } cost
                ? Money.Format(cost, s.Currency)
                : "not priced (no pricing: on the target or its grader)";
            w.WriteLine($"  cost      {price}");
            w.WriteLine($"  time      {Time(s.Seconds, s.Concurrency)}");
            w.WriteLine($"  basis     {s.Basis}");
        }

        w.WriteLine();
        var total = estimate.Cost is { } all ? $", {Money.Format(all, estimate.Currency)}" : "";
        var time = estimate.Seconds is { } seconds ? Invariant($", about {Duration(seconds)}") : "";
        w.WriteLine(Invariant($"total: {estimate.Requests:0} requests, {estimate.Tokens:0} tokens{total}{time}"));
        if (budget is not null)
        {
            var over = (budget.Tokens is { } t && estimate.Tokens > t) || (budget.Cost is { } c && estimate.Cost > c);
            var fits = over ? "the run would stop before its end (inconclusive)" : "within budget";
            w.WriteLine($"budget: {budget.Describe(estimate.Currency)}; {fits}");
        }

        return w.ToString();
    }

    private static JsonObject Json(RunEstimate estimate, Budget? budget) => new()
    {
        ["base"] = estimate.BaseFolder,
        ["suites"] = new JsonArray([.. estimate.Suites.Select(s => (JsonNode)new JsonObject
        {
            ["suite"] = s.Suite,
            ["target"] = s.Target,
            ["kind"] = s.Kind,
            ["requests"] = s.Requests,
            ["grader_requests"] = Math.Round(s.GraderRequests, 1),
            ["prompt_tokens"] = Math.Round(s.PromptTokens),
            ["completion_tokens"] = Math.Round(s.CompletionTokens),
            ["grader_prompt_tokens"] = Math.Round(s.GraderPromptTokens),
            ["grader_completion_tokens"] = Math.Round(s.GraderCompletionTokens),
            ["cost"] = s.Cost is { } c ? Math.Round(c, 6) : null,
            ["currency"] = s.Currency,
            ["seconds"] = s.Seconds is { } t ? Math.Round(t, 1) : null,
            ["concurrency"] = s.Concurrency,
            ["basis"] = s.Basis,
        })]),
        ["total"] = new JsonObject
        {
            ["requests"] = Math.Round(estimate.Requests, 1),
            ["prompt_tokens"] = Math.Round(estimate.PromptTokens),
            ["completion_tokens"] = Math.Round(estimate.CompletionTokens),
            ["tokens"] = Math.Round(estimate.Tokens),
            ["cost"] = estimate.Cost is { } cost ? Math.Round(cost, 6) : null,
            ["currency"] = estimate.Currency,
            ["seconds"] = estimate.Seconds is { } seconds ? Math.Round(seconds, 1) : null,
        },
        ["budget"] = budget is null ? null : new JsonObject { ["tokens"] = budget.Tokens, ["cost"] = budget.Cost },
    };

    private static string Time(double? seconds, int concurrency) => seconds is { } s
        ? $"about {Duration(s)} at concurrency {concurrency} (recorded latency)"
        : "unknown: no recorded latency (give --base)";

    private static string Duration(double seconds) =>
        seconds < 120 ? Invariant($"{seconds:0.0} s") : Invariant($"{seconds / 60:0.0} min");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
