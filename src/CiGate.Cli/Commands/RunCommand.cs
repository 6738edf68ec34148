using System.CommandLine;
using CiGate.Cli.Output;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;
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
        var limit = new Option<int?>("--limit") { Description = "Run at most N items per suite (a quick look; not for gating)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress line" };
        var command = new Command("run", "Run the suites in a config against their targets and write scored results")
        {
            config, output, suites, resume, limit, quiet,
        };

        command.SetAction(async (parse, ct) =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            await using var simulators = new SimulatorLauncher();
            loaded = await simulators.StartAsync(loaded, ct);
            var plans = PlanBuilder.Build(loaded, parse.GetValue(suites), parse.GetValue(limit));
            await using var cache = loaded.Cache.Enabled ? await ResponseCache.OpenAsync(loaded.Cache.Directory, ct) : null;
            var clients = loaded.Targets
                .Where(t => plans.Any(p => p.Target.Name == t.Name || p.AuxiliaryTargets.Contains(t.Name)))
                .ToDictionary(t => t.Name, t => TargetClientFactory.Create(t.Config, cache), StringComparer.Ordinal);
            try
            {
                var progress = parse.GetValue(quiet) ? null : new ProgressPrinter(stderr);
                var results = await Runner.RunAsync(
                    plans,
                    clients,
                    new RunOptions(parse.GetValue(output)!, parse.GetValue(resume)),
                    new RunContext(loaded.SourcePath, RunContext.CurrentToolVersion),
                    progress,
                    ct);
                progress?.Finish();
                SummaryPrinter.Print(stdout, results, Path.GetFullPath(parse.GetValue(output)!));
                return results.Status == "complete" ? ExitCodes.Pass : ExitCodes.Infrastructure;
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
