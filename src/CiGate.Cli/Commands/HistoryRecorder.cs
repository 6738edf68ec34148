using System.CommandLine;
using CiGate.Core.Comparing;
using CiGate.Core.History;
using CiGate.History;

namespace CiGate.Cli.Commands;

/// <summary>
/// Records a results folder: shared by `history record` and the --record switch of run and
/// compare. The identity comes from GitHub Actions' environment, then the explicit options.
/// </summary>
internal static class HistoryRecorder
{
    public static async Task<RecordOutcome> RecordAsync(LoadedRun run, HistoryLocation location, RunIdentity overrides, int outputCharacters, TextWriter log, CancellationToken ct)
    {
        var identity = RunIdentityResolver.FromProcessEnvironment().With(overrides);
        await using var store = await HistoryStores.OpenAsync(location, ct);
        var outcome = await store.RecordAsync(new HistoryRecord(run, identity, DateTimeOffset.UtcNow, outputCharacters), ct);
        var what = outcome == RecordOutcome.Recorded ? "recorded" : "already recorded (nothing changed)";
        await log.WriteLineAsync($"history: run {run.Results.RunId} ({identity.Label(run.Results.RunId)}) {what} in {location.Describe()}");
        return outcome;
    }

    /// <summary>The --record switch and its store options, for run and compare.</summary>
    public sealed class Switch
    {
        private readonly Option<bool> record = new("--record") { Description = "Also record the run in the history store (see 'cigate history')" };
        private readonly Option<int> outputs = new("--history-output-chars") { Description = "With --record: keep the last N characters of each output in the store (0: none)", DefaultValueFactory = _ => 0 };
        private readonly HistoryOptions options;

        public Switch(Command command)
        {
            command.Options.Add(record);
            command.Options.Add(outputs);
            options = HistoryOptions.AddPrefixedTo(command);
        }

        public async Task RecordIfAskedAsync(ParseResult parse, string folder, TextWriter log, CancellationToken ct)
        {
            if (parse.GetValue(record))
            {
                await RecordAsync(LoadedRun.Load(folder), options.Location(parse), new RunIdentity(), Math.Max(0, parse.GetValue(outputs)), log, ct);
            }
        }

        /// <summary>For a run already read (compare's head): no second read of its items.</summary>
        public async Task RecordIfAskedAsync(ParseResult parse, LoadedRun run, TextWriter log, CancellationToken ct)
        {
            if (parse.GetValue(record))
            {
                await RecordAsync(run, options.Location(parse), new RunIdentity(), Math.Max(0, parse.GetValue(outputs)), log, ct);
            }
        }
    }
}
