using CiGate.Core.Results;

namespace CiGate.Core.Running;

/// <summary>
/// Which cases of a reusable case plan run under <c>run --reuse-from</c>, each with why: a case is new or
/// its definition changed (its vars, <c>file://</c> var texts included, its assertions, its request);
/// a changed file matches its <c>inputs:</c> or a file it references; or it declares <c>inputs:</c> and
/// there is no list of changed files to check them with. The other cases are reused.
/// </summary>
internal sealed class CaseSelection
{
    private CaseSelection(IReadOnlyList<(string Id, string Why)> run) => Run = run;

    /// <summary>The cases that run, in the suite's order, with why.</summary>
    public IReadOnlyList<(string Id, string Why)> Run { get; }

    /// <summary>Null when the suite can be copied whole: same definition and no case to run.</summary>
    public static CaseSelection? Of(
        ICasePlan plan, SuiteResult stored, IReadOnlyList<string>? changed, string configDirectory)
    {
        var sameDefinition = stored.DefinitionHash == plan.Suite.DefinitionHash;
        var before = sameDefinition ? null : plan.Split(stored.Definition).Cases;
        var now = sameDefinition ? null : plan.Split(plan.Suite.Describe()).Cases;
        var run = new List<(string, string)>();
        foreach (var item in plan.Cases)
        {
            if (Why(item, before, now, changed, configDirectory) is { } why)
            {
                run.Add((item.Id, why));
            }
        }

        return sameDefinition && run.Count == 0 ? null : new CaseSelection(run);
    }

    /// <summary>The ids of the items whose case is reused.</summary>
    public HashSet<string> KeptItems(ICasePlan plan)
    {
        var running = Run.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, plan.ItemCount)
            .Where(i => !running.Contains(plan.CaseId(i)))
            .Select(plan.ItemId)
            .ToHashSet(StringComparer.Ordinal);
    }

    public ReusedCases Describe(int total) => new(Run.Count, total, [.. Run.Select(r => $"{r.Id}: {r.Why}")]);

    public string AllRun() =>
        $"every case changed ({string.Join("; ", Run.Take(3).Select(r => $"{r.Id}: {r.Why}"))}"
        + (Run.Count > 3 ? $"; {Run.Count - 3} more)" : ")");

    private static string? Why(
        CaseInputs item,
        IReadOnlyDictionary<string, string>? before,
        IReadOnlyDictionary<string, string>? now,
        IReadOnlyList<string>? changed,
        string configDirectory)
    {
        // The changed file first: it says more than "its definition changed" (a file:// var's text is in both).
        if (changed is not null)
        {
            var globs = item.Globs.Select(g => new InputGlob(g, configDirectory)).ToList();
            var files = item.Files.Select(Slashes).ToHashSet(StringComparer.Ordinal);
            var hit = changed.FirstOrDefault(f => files.Contains(Slashes(f)) || globs.Any(g => g.Matches(f)));
            if (hit is not null)
            {
                return $"{Path.GetRelativePath(configDirectory, hit).Replace('\\', '/')} changed";
            }
        }

        if (before is not null && now is not null)
        {
            if (!before.TryGetValue(item.Id, out var was))
            {
                return "a new case";
            }

            if (was != now.GetValueOrDefault(item.Id))
            {
                return "its definition changed";
            }
        }

        return changed is null && item.Globs.Count > 0 ? "its inputs: cannot be checked without --changed-since" : null;
    }

    private static string Slashes(string path) => Path.GetFullPath(path).Replace('\\', '/');
}
