using CiGate.Core.Results;
using CiGate.Core.Targets;

namespace CiGate.Core.Running;

/// <summary>
/// <c>cigate run --reuse-from DIR [--changed-since REF]</c>: which suites this change leaves as they
/// were, so their items are copied from the run in DIR (recorded at REF) instead of asked again.
/// Without the changed files (no <c>--changed-since</c>), a suite with <c>inputs:</c> always runs.
/// A suite is reused only when all of these hold, else it runs:
/// <list type="bullet">
/// <item>DIR holds it, complete (no missing or errored sample);</item>
/// <item>its definition, prompt template and dataset hashes and its configured model are DIR's
/// (they cover every file the suite references: prompts, templates, datasets, test files);</item>
/// <item>its target is the same (<see cref="TargetInfo.ConfigHash"/>: endpoint or simulator
/// settings, model, decoding);</item>
/// <item>no changed file matches its <c>inputs:</c> globs or its dataset;</item>
/// <item>it declares <c>inputs:</c> when its target is an application (exec, http): an app's code is
/// in no hash, so without declared inputs such a suite always runs.</item>
/// </list>
/// </summary>
public static class ReuseSelector
{
    public static ReuseSet Select(
        IReadOnlyList<ISuitePlan> plans,
        RunResults source,
        IReadOnlyList<ItemRecord> sourceItems,
        IReadOnlyList<string>? changedFiles,
        string configDirectory,
        string label)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(source);
        var items = sourceItems.ToLookup(r => (r.Suite, r.Target));
        var reused = new Dictionary<(string Suite, string Target), ReusedSuite>();
        var decisions = new List<ReuseDecision>();
        foreach (var plan in plans)
        {
            var why = WhyRun(plan, source, changedFiles, configDirectory);
            if (why is not null)
            {
                decisions.Add(new ReuseDecision(plan.Suite.Name, plan.Target.Name, false, why));
                continue;
            }

            var suite = source.Suites.Single(s => s.Suite == plan.Suite.Name && s.Target == plan.Target.Name);
            // A suite the source itself reused keeps naming the run that measured it.
            var info = suite.Reused is { Cases: null } measured
                ? measured
                : new ReusedRun(label, source.RunId, source.Commit, source.StartedAt, Reason(plan));
            var records = items[(suite.Suite, suite.Target)].ToList();
            var cases = plan as ICasePlan;
            var selection = cases is null ? null : CaseSelection.Of(cases, suite, changedFiles, configDirectory);
            if (cases is not null && selection is not null)
            {
                if (selection.Run.Count == cases.Cases.Count)
                {
                    decisions.Add(new ReuseDecision(suite.Suite, suite.Target, false, selection.AllRun()));
                    continue;
                }

                var kept = selection.KeptItems(cases);
                records = [.. records.Where(r => kept.Contains(r.Item))];
                const string Others = "no change to the other cases, the files they reference or their inputs";
                info = info with { Cases = selection.Describe(cases.Cases.Count), Reason = Others };
            }

            records = [.. records.Select(r => r with { ReusedFrom = info.From })];
            reused[(suite.Suite, suite.Target)] = new ReusedSuite(suite, records, info);
            decisions.Add(new ReuseDecision(suite.Suite, suite.Target, true, info.Cases is { } c
                ? $"{string.Join("; ", c.Ran.Take(3))}{(c.Ran.Count > 3 ? $"; {c.Ran.Count - 3} more" : "")}"
                : "unchanged") { Cases = info.Cases });
        }

        return new ReuseSet(reused, decisions);
    }

    /// <summary>"main@1a2b3c4" for a run recorded at a commit on a branch; the run id's start otherwise.</summary>
    public static string Label(RunResults source, string? branch)
    {
        ArgumentNullException.ThrowIfNull(source);
        var at = source.Commit is { } commit
            ? commit[..Math.Min(7, commit.Length)]
            : source.RunId[..Math.Min(8, source.RunId.Length)];
        return $"{(string.IsNullOrWhiteSpace(branch) ? "base" : branch)}@{at}";
    }

    private static string? WhyRun(
        ISuitePlan plan, RunResults source, IReadOnlyList<string>? changed, string configDirectory)
    {
        var stored = source.Suites.FirstOrDefault(s => s.Suite == plan.Suite.Name && s.Target == plan.Target.Name);
        if (stored is null)
        {
            return "not in the reused run";
        }

        if (stored.Counts.Missing > 0 || stored.Counts.Errored > 0)
        {
            return "the reused run did not finish it";
        }

        // A case plan's cases are compared one by one (CaseSelection); the rest of its definition must hold.
        var definition = plan is ICasePlan casePlan
            ? casePlan.Split(stored.Definition).Shared == casePlan.Split(plan.Suite.Describe()).Shared
            : stored.DefinitionHash == plan.Suite.DefinitionHash;
        if (!definition || stored.PromptTemplateHash != plan.PromptTemplateHash
            || stored.Dataset?.Sha256 != plan.Dataset?.Sha256 || stored.Model != plan.Target.Config.Model)
        {
            return "its definition, prompt, dataset or model changed";
        }

        var target = source.Targets.FirstOrDefault(t => t.Name == plan.Target.Name);
        if (target?.ConfigHash is null || target.ConfigHash != RunContext.ConfigHash(plan.Target.Config))
        {
            return "its target changed";
        }

        var app = plan.Target.Config.Exec is not null || plan.Target.Config.Http is not null;
        if (app && plan.Suite.Inputs.Count == 0)
        {
            return "it runs an application and declares no inputs:";
        }

        if (changed is null)
        {
            // Without a list of changed files, only what the hashes cover can be known unchanged.
            return plan.Suite.Inputs.Count > 0 ? "its inputs: cannot be checked without --changed-since" : null;
        }

        var globs = plan.Suite.Inputs.Select(g => new InputGlob(g, configDirectory)).ToList();
        var dataset = plan.Dataset?.Path is { } path ? Path.GetFullPath(Path.Combine(configDirectory, path)) : null;
        var hit = changed.FirstOrDefault(f => f == dataset || globs.Any(g => g.Matches(f)));
        return hit is null ? null : $"{Path.GetRelativePath(configDirectory, hit).Replace('\\', '/')} changed";
    }

    private static string Reason(ISuitePlan plan) =>
        plan.Suite.Inputs.Count > 0
            ? $"no change to its definition, target or inputs ({string.Join(", ", plan.Suite.Inputs)})"
            : "no change to its definition, prompt, dataset or target";
}

/// <summary>The suites a run copies instead of running, and why each suite ran or was reused.</summary>
public sealed record ReuseSet(
    IReadOnlyDictionary<(string Suite, string Target), ReusedSuite> Suites,
    IReadOnlyList<ReuseDecision> Decisions)
{
    public static ReuseSet None { get; } = new(new Dictionary<(string, string), ReusedSuite>(), []);
}

/// <summary>One reused suite: its stored summary, its items (marked) and where they came from.</summary>
public sealed record ReusedSuite(SuiteResult Stored, IReadOnlyList<ItemRecord> Records, ReusedRun From);

/// <summary>
/// Whether a suite × target is reused, and why it runs when it does; <see cref="Cases"/> when only some
/// of its cases are reused.
/// </summary>
public sealed record ReuseDecision(string Suite, string Target, bool Reused, string Reason)
{
    public ReusedCases? Cases { get; init; }
}
