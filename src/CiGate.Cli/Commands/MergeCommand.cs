using System.CommandLine;
using CiGate.Cli.Output;
using CiGate.Core.Diagnostics;
using CiGate.Core.Sharding;

namespace CiGate.Cli.Commands;

/// <summary>
/// Joins the results folders of a run's shards (`cigate run --shard I/N`) into one results
/// folder equal to the unsharded run. Works from the folders alone; calls no model.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folders = new Argument<string[]>("shards") { Description = "The results folder of every shard (any order)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "The merged results folder (must not hold a run)", Required = true };
        var command = new Command("merge", "Join the results of a sharded run (cigate run --shard I/N) into one run")
        {
            folders, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var target = parse.GetValue(output)!;
            var results = await ShardMerger.MergeAsync(parse.GetValue(folders)!, target, ct);
            SummaryPrinter.Print(stdout, results, Path.GetFullPath(target));
            return ExitCodes.Pass;
        });
        return command;
    }
}
