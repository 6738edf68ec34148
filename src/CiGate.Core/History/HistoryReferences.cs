using CiGate.Core.Diagnostics;

namespace CiGate.Core.History;

/// <summary>
/// Turns what a person types (a run id, a tag such as v1.4, a commit or its prefix) into one
/// recorded run. Several runs of the same commit (re-runs) resolve to the newest; a commit prefix
/// that names two commits is ambiguous.
/// </summary>
public static class HistoryReferences
{
    public static async Task<RecordedRun> ResolveAsync(IHistoryStore store, string reference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var runs = await store.FindAsync(reference.Trim(), ct);
        if (runs.Count == 0)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryReferenceNotFound, $"no recorded run matches '{reference}' (a tag, a commit or a run id, or a prefix of at least 4 characters of one); see 'cigate history list'"));
        }

        var commits = runs.Select(r => r.Identity.Commit ?? r.RunId).Distinct(StringComparer.Ordinal).ToList();
        if (commits.Count > 1 && !runs.All(r => string.Equals(r.Identity.Tag, reference, StringComparison.Ordinal)))
        {
            var names = string.Join(", ", commits.Take(5).Select(c => c[..Math.Min(12, c.Length)]));
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryReferenceAmbiguous, $"'{reference}' matches {commits.Count} commits ({names}); give more characters or a run id"));
        }

        return runs[0];
    }
}
