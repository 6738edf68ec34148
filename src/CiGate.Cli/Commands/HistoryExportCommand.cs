using System.CommandLine;
using CiGate.Core.Comparing;
using CiGate.Core.Diagnostics;
using CiGate.Core.History;
using CiGate.Core.Results;
using CiGate.History;

namespace CiGate.Cli.Commands;

/// <summary>
/// `cigate history export REF --out DIR`: writes a recorded run back out as a results folder
/// (results.json and items.jsonl), so everything that reads a folder reads it: `compare --base DIR`
/// and, above all, `run --reuse-from DIR`, which reuses main's recorded base instead of needing the
/// base branch's artifact. The items are the store's: outputs are as recorded (whole unless the run
/// was recorded with `--history-output-chars`), and results.json gets the digest of the items
/// written here, so the folder checks out as any other.
/// </summary>
internal static class HistoryExportCommand
{
    public static Command Create(TextWriter stdout)
    {
        var reference = new Argument<string>("run")
        {
            Description = "The run: a tag (v1.3), a commit (prefix of at least 4) or a run id",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The results folder to write (created; must not hold a results.json already)",
            Required = true,
        };
        var command = new Command(
            "export", "Write a recorded run out as a results folder (for run --reuse-from, compare)")
        {
            reference, output,
        };
        var store = HistoryOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            if (File.Exists(Path.Combine(folder, RunResults.FileName)))
            {
                throw new CiGateException(new Diagnostic(
                    DiagnosticCodes.ResultsFolderNotEmpty,
                    "this folder already holds a run; give an empty or new folder to export into",
                    folder));
            }

            await using var history = await HistoryStores.OpenAsync(store.Location(parse), ct);
            var recorded = await HistoryReferences.ResolveAsync(history, parse.GetValue(reference)!, ct);
            var run = await history.LoadAsync(recorded.RunId, ct) ?? throw new CiGateException(new Diagnostic(
                DiagnosticCodes.HistoryReferenceNotFound,
                $"run {recorded.RunId} disappeared from the store while exporting it"));
            await WriteAsync(run, folder, ct);
            var commit = recorded.Identity.Commit is { } c ? c[..Math.Min(7, c.Length)] : "no commit";
            await stdout.WriteLineAsync(
                $"exported run {recorded.RunId} ({commit}, {recorded.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC): "
                + $"{run.Results.Suites.Count} suite(s), {run.Items.Count} item record(s) -> {folder}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Writes <paramref name="run"/> as a results folder whose results.json carries the written items' digest.
    /// </summary>
    internal static async Task WriteAsync(LoadedRun run, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var itemsPath = Path.Combine(folder, ItemsFile.FileName);
        await using (var writer = ItemsWriter.Open(itemsPath, 0))
        {
            foreach (var item in run.Items)
            {
                writer.Add(item);
            }
        }

        var bytes = await File.ReadAllBytesAsync(itemsPath, ct);
        var results = run.Results with { Items = ItemsDigest.Of(bytes, run.Items.Count) };
        await ResultsJson.WriteAsync(folder, results, ct);
    }
}
