using System.CommandLine;
using CiGate.Cli.Output;
using CiGate.Core.Config.TargetReaders;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;
using CiGate.Core.Sharding;
using CiGate.Core.Suites.Tools;
using CiGate.Core.Targets.Exec;
using CiGate.Core.Targets;

namespace CiGate.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = CommonOptions.ConfigArgument();
        var output = new Option<string>("--out", "-o") { Description = "Results folder (results.json + items.jsonl)", DefaultValueFactory = _ => Path.Combine(".cigate", "results") };
        var suites = new Option<string[]>("--suite", "-s") { Description = "Run only these suites (repeatable)", AllowMultipleArgumentsPerToken = true };
        var resume = new Option<bool>("--resume") { Description = "Complete an interrupted run in --out: run only the missing items" };
        var freshBudget = new Option<bool>("--fresh-budget")
        {
            Description = "With --resume: what the run spent before does not count against budget: "
                + "(by default it does: a resumed run is the same run)",
        };
        var force = new Option<bool>("--force") { Description = "Discard the run already in --out (its results.json and items.jsonl) and start a new one" };
        var limit = new Option<int?>("--limit") { Description = "Run at most N items per suite (a quick look; not for gating)" };
        limit.Validators.Add(result =>
        {
            // Tokens, not the value: a token that is no number already has its own parse error.
            if (result.Tokens is [{ Value: var value }] && int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 1)
            {
                result.AddError($"--limit must be at least 1, got {n}");
            }
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress line" };
        var json = JsonOutput.Option();
        var allowCommands = CommonOptions.AllowCommandsOption();
        var trustedHosts = CommonOptions.TrustedHostsOption();
        var shard = new Option<string?>("--shard") { Description = "Run only shard I of N (I from 1, e.g. 2/4); items go to shards by a hash of their id. Join the N folders with 'cigate merge'" };
        shard.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var value }] && !ShardSpec.TryParse(value, out _, out var error))
            {
                result.AddError(error);
            }
        });
        var recordTools = new Option<bool>("--record-tools")
        {
            Description = "Tools suites call their live tools (live.url) and write what they answered "
                + "to their replay files, instead of replaying them",
        };
        var changedSince = new Option<string?>("--changed-since")
        {
            Description = "Run only the suites this branch changed since REF (git diff REF...HEAD); "
                + "copy the others from --reuse-from",
        };
        var reuseFrom = new Option<string?>("--reuse-from")
        {
            Description = "Results folder of the base branch's run: suites whose definition, target and inputs "
                + "are unchanged are copied from it, marked reused, after a canary "
                + "(without --changed-since, suites with inputs: run)",
        };
        var reuseLabel = new Option<string?>("--reuse-branch")
        {
            Description = "Branch the --reuse-from run was made on, "
                + "for the 'reused from BRANCH@sha' lines (default: base)",
        };
        var command = new Command("run", "Run the suites in a config against their targets and write scored results")
        {
            config, output, suites, resume, force, limit, quiet, shard, allowCommands, trustedHosts, recordTools, json,
            changedSince, reuseFrom, reuseLabel, freshBudget,
        };
        var record = new HistoryRecorder.Switch(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(resume) && result.GetValue(force))
            {
                result.AddError("--resume completes the run in --out and --force discards it: give one of them");
            }

            if (result.GetValue(freshBudget) && !result.GetValue(resume))
            {
                result.AddError("--fresh-budget applies to --resume: a new run starts with a fresh budget anyway");
            }

            if (result.GetValue(shard) is not null && result.GetValue(reuseFrom) is not null)
            {
                result.AddError(
                    "--shard runs part of every suite and --reuse-from copies suites or cases: give one of them");
            }

            if (result.GetValue(changedSince) is not null && result.GetValue(reuseFrom) is null)
            {
                result.AddError(
                    "--changed-since REF needs --reuse-from DIR, the run at REF that the unchanged suites are copied from");
            }
        });

        command.SetAction(async (parse, ct) =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);

            // Before anything starts or connects: what the config cannot grant itself.
            CommonOptions.Trust(parse, allowCommands, trustedHosts).Enforce(loaded.Privileges);
            await using var simulators = new SimulatorLauncher();
            loaded = await simulators.StartAsync(loaded, ct);
            loaded = ExecTargets.Bind(loaded, parse.GetValue(output)!);
            if (parse.GetValue(recordTools))
            {
                (loaded, var recording) = ToolRecording.RecordLiveTools(loaded);
                await stderr.WriteLineAsync(recording.Count == 0
                    ? "warning: --record-tools: no tools suite has live tools (live: { url }) and a replay file"
                    : $"recording the live tools of {string.Join(", ", recording)}");
            }

            var plans = PlanBuilder.Build(loaded, parse.GetValue(suites), parse.GetValue(limit));
            await using var cache = loaded.Cache.Enabled ? await ResponseCache.OpenAsync(loaded.Cache.Directory, ct) : null;
            var clients = loaded.Targets
                .Where(t => plans.Any(p => p.Target.Name == t.Name || p.AuxiliaryTargets.Contains(t.Name)))
                .ToDictionary(t => t.Name, t => TargetClientFactory.Create(t.Config, cache), StringComparer.Ordinal);
            try
            {
                var reuse = await ChangedOnly.SelectAsync(
                    plans,
                    loaded,
                    parse.GetValue(changedSince),
                    parse.GetValue(reuseFrom),
                    parse.GetValue(reuseLabel),
                    stderr,
                    ct);
                var progress = parse.GetValue(quiet) ? null : new ProgressPrinter(stderr);
                var results = await Runner.RunAsync(
                    plans,
                    clients,
                    new RunOptions(
                        parse.GetValue(output)!,
                        parse.GetValue(resume),
                        Shard: parse.GetValue(shard) is { } part ? ShardSpec.Parse(part) : null,
                        StartOver: parse.GetValue(force),
                        Budget: loaded.Budget,
                        Targets: loaded.Targets) { Reuse = reuse, FreshBudget = parse.GetValue(freshBudget) },
                    new RunContext(loaded.SourcePath, RunContext.CurrentToolVersion),
                    progress,
                    ct);
                progress?.Finish();
                if (parse.GetValue(json))
                {
                    await JsonOutput.WriteFileAsync(stdout, Path.Combine(parse.GetValue(output)!, Core.Results.RunResults.FileName), ct);
                }
                else
                {
                    SummaryPrinter.Print(stdout, results, Path.GetFullPath(parse.GetValue(output)!));
                }
                if (results.Status == "complete" && parse.GetValue(shard) is null)
                {
                    // Only a complete, whole run: recording is once per run id, and a resumed run
                    // keeps its id. A shard is recorded after 'cigate merge' (history record DIR).
                    await record.RecordIfAskedAsync(parse, parse.GetValue(output)!, stderr, ct);
                }

                // A budget stop is the config's own limit, not a failure: the run did what it was allowed to, exits 0
                // (as a run with failed samples does) and compare makes the suite inconclusive, naming the budget.
                var stoppedByBudget = results.Status == "incomplete" && results.BudgetStop is not null;
                return results.Status == "complete" || stoppedByBudget ? ExitCodes.Pass : ExitCodes.Infrastructure;
            }
            finally
            {
                foreach (var client in clients.Values)
                {
                    await client.DisposeAsync();
                }
            }
        });
        return command;
    }
}
