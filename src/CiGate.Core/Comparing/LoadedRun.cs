using CiGate.Core.Diagnostics;
using CiGate.Core.Results;

namespace CiGate.Core.Comparing;

/// <summary>A results folder read back: results.json and every item record.</summary>
public sealed record LoadedRun(string Folder, RunResults Results, IReadOnlyList<ItemRecord> Items)
{
    public static LoadedRun Load(string folder)
    {
        var full = Path.GetFullPath(folder);
        var results = Directory.Exists(full) ? ResultsJson.TryRead(full) : null;
        if (results is null)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.ResultsNotFound, $"no {RunResults.FileName} here; point at a folder written by 'cigate run'", full));
        }

        return new LoadedRun(full, results, ItemsFile.Read(Path.Combine(full, ItemsFile.FileName), out _));
    }

    /// <summary>The base of a comparison that has none: no suites, no items.</summary>
    public static LoadedRun Missing(string? folder) => new(
        string.IsNullOrWhiteSpace(folder) ? "" : Path.GetFullPath(folder),
        new RunResults(RunResults.CurrentSchemaVersion, "cigate", "", "(none)", "missing", default, null, 0, "", [], []),
        []);

    public RunReference Reference => new(Folder, Results.RunId, Results.ToolVersion, Results.Status, Results.StartedAt);
}
