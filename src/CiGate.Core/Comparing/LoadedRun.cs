using CiGate.Core.Diagnostics;
using CiGate.Core.Results;

namespace CiGate.Core.Comparing;

/// <summary>A results folder read back: results.json and every item record.</summary>
public sealed record LoadedRun(string Folder, RunResults Results, IReadOnlyList<ItemRecord> Items)
{
    /// <summary>
    /// Set when the items could be checked by count only (results.json from a cigate that did not
    /// record the items' SHA-256): a line for the user, never a reason to refuse.
    /// </summary>
    public string? Unverified { get; init; }

    public static LoadedRun Load(string folder)
    {
        var full = Path.GetFullPath(folder);
        var results = Directory.Exists(full) ? ResultsJson.TryRead(full) : null;
        if (results is null)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.ResultsNotFound, $"no {RunResults.FileName} here; point at a folder written by 'cigate run'", full));
        }

        var itemsPath = Path.Combine(full, ItemsFile.FileName);
        var items = ItemsFile.Read(itemsPath, out _, out var digest);
        return new LoadedRun(full, results, items) { Unverified = Verify(results, items, digest, itemsPath) };
    }

    /// <summary>The base of a comparison that has none: no suites, no items.</summary>
    public static LoadedRun Missing(string? folder) => new(
        string.IsNullOrWhiteSpace(folder) ? "" : Path.GetFullPath(folder),
        new RunResults(RunResults.CurrentSchemaVersion, "cigate", "", "(none)", "missing", default, null, 0, "", [], []),
        []);

    public RunReference Reference => new(Folder, Results.RunId, Results.ToolVersion, Results.Status, Results.StartedAt) { Commit = Results.Commit };

    /// <summary>
    /// The items must be the ones results.json was computed from: an emptied, truncated or edited
    /// items.jsonl would otherwise pass the gate as "items only in base". Returns a note when only
    /// the counts could be checked.
    /// </summary>
    private static string? Verify(RunResults results, IReadOnlyList<ItemRecord> items, ItemsDigest actual, string itemsPath)
    {
        if (results.Items is { } recorded)
        {
            if (recorded.Lines == actual.Lines && recorded.Bytes == actual.Bytes && string.Equals(recorded.Sha256, actual.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            throw Mismatch(results, itemsPath, $"results.json records {recorded.Lines} item lines ({recorded.Bytes} bytes, sha256 {Short(recorded.Sha256)}) but the file holds {actual.Lines} ({actual.Bytes} bytes, sha256 {Short(actual.Sha256)})");
        }

        var expected = results.Suites.Sum(s => (long)s.Counts.Completed + s.Counts.Errored);
        if (expected != items.Count)
        {
            throw Mismatch(results, itemsPath, $"results.json counts {expected} finished samples but the file holds {items.Count}");
        }

        return $"{itemsPath}: results.json has no items digest (written by an older cigate); the {items.Count} items match its counts, but their content could not be verified";
    }

    private static CiGateException Mismatch(RunResults results, string itemsPath, string detail)
    {
        var advice = results.Status == "running"
            ? "the run in this folder did not finish (status 'running'); complete it with 'cigate run --resume' before comparing"
            : "the items file was truncated or edited after the run; use the folder as the run wrote it, or run again";
        return new CiGateException(new Diagnostic(DiagnosticCodes.ItemsMismatch, $"items.jsonl does not match results.json: {detail}; {advice}", itemsPath));
    }

    private static string Short(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;
}
