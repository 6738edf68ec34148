using CiGate.Core.Config;
using CiGate.Core.Results;

namespace CiGate.Core.Comparing;

/// <summary>
/// Compares a head run with its base, suite by suite. A suite whose definition, prompt template
/// or dataset changed is still compared: items whose prompt is unchanged pair as usual, the rest
/// are left out and counted, and the changed keys are listed (<see cref="DefinitionChange"/>)
/// for the gate's `on_definition_change` policy. Works from results folders alone.
/// </summary>
public static class Comparer
{
    public static Comparison Compare(LoadedRun baseRun, LoadedRun headRun, CompareOptions options)
    {
        var baseItems = baseRun.Items.ToLookup(r => (r.Suite, r.Target));
        var headItems = headRun.Items.ToLookup(r => (r.Suite, r.Target));
        var suites = new List<SuiteComparison>();
        var lines = new Lazy<Config.ConfigLines>(() => Config.ConfigLines.Load(options.ConfigPath ?? headRun.Results.ConfigPath));
        foreach (var head in headRun.Results.Suites)
        {
            var @base = baseRun.Results.Suites.FirstOrDefault(s => s.Suite == head.Suite && s.Target == head.Target);
            if (@base is null)
            {
                var alone = SuiteComparer.OneSided(head, "new in head: no base run to compare with", isHead: true) with
                {
                    CaseOutcomes = NewCases(head, [.. headItems[(head.Suite, head.Target)]], options),
                    BudgetStop = head.BudgetStop,
                    GraderAgreement = Graded(head, headItems),
                };
                var single = new Suites.SuitePair(null, head, [], [.. headItems[(head.Suite, head.Target)]], baseRun.Folder, headRun.Folder, [], "", options);
                suites.Add(Suites.SuiteKinds.For(head.Kind).Attach(alone, single));
                continue;
            }

            var blocking = BlockingChanges(@base, head);
            var change = blocking.Count == 0 ? null : Place(DefinitionDiff.Between(@base, head, blocking, PolicyOf(head.Suite, options)), head.Suite, lines.Value);
            var primary = options.Gates?.GetValueOrDefault(head.Suite)?.Metric ?? head.Metrics.Keys.FirstOrDefault() ?? "";
            var pair = new Suites.SuitePair(
                @base, head, [.. baseItems[(head.Suite, head.Target)]], [.. headItems[(head.Suite, head.Target)]], baseRun.Folder, headRun.Folder, blocking, primary, options);
            suites.Add(Suites.SuiteKinds.For(head.Kind).Compare(pair) with
            {
                DefinitionChange = change,
                Usage = UsageChange.Between(@base, head),
                BudgetStop = head.BudgetStop,
                IdentityChange = IdentityChange.Between(@base, head, ModelChangeExpected(head, options)),
                Reused = head.Reused,
                GraderAgreement = Graded(head, headItems),
            });
        }

        foreach (var @base in baseRun.Results.Suites.Where(b => !headRun.Results.Suites.Any(h => h.Suite == b.Suite && h.Target == b.Target)))
        {
            suites.Add(SuiteComparer.OneSided(@base, "missing from head: the suite ran on base only", isHead: false));
        }

        return new Comparison(baseRun.Reference, headRun.Reference, suites, options.Confidence, "holm");
    }

    private static GraderAgreement? Graded(
        Results.SuiteResult head, ILookup<(string, string), Results.ItemRecord> items) =>
        head.GraderLabels is { } labels ? GraderAgreement.Of(items[(head.Suite, head.Target)], labels) : null;

    /// <summary>`--accept-changes` wins over the suite's `gate: on_definition_change:` (default warn).</summary>
    private static DefinitionChangePolicy PolicyOf(string suite, CompareOptions options) =>
        options.AcceptChanges ? DefinitionChangePolicy.Accept : options.Gates?.GetValueOrDefault(suite)?.OnDefinitionChange ?? DefinitionChangePolicy.Warn;

    /// <summary>`gate: model_change: expected` of the suite as compare reads it (the config), else as head has it.</summary>
    private static bool ModelChangeExpected(SuiteResult head, CompareOptions options) =>
        (options.Gates?.GetValueOrDefault(head.Suite) ?? head.Gate)?.ModelChange == ModelChangePolicy.Expected;

    /// <summary>Where in the head config each changed key (and the suite) is written, for annotations.</summary>
    private static DefinitionChange Place(DefinitionChange change, string suite, Config.ConfigLines lines)
    {
        var at = lines.Find(suite, "");
        return change with
        {
            File = at?.File,
            Line = at?.Line,
            Keys = [.. change.Keys.Select(k => lines.Find(suite, k.Key) is { } place ? k with { File = place.File, Line = place.Line } : k)],
        };
    }

    /// <summary>
    /// A new test-case suite's cases as head ran them (no base), so a new suite's
    /// failures are named too and a critical one still fails the gate.
    /// </summary>
    private static List<CaseOutcome> NewCases(SuiteResult head, List<ItemRecord> records, CompareOptions options)
    {
        if (!Config.GateModes.HasCases(head.Kind))
        {
            return [];
        }

        var primary = options.Gates?.GetValueOrDefault(head.Suite)?.Metric ?? head.Metrics.Keys.FirstOrDefault() ?? "";
        return [.. CaseResult.Fold(records, primary).Values
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new CaseOutcome(c.Id, c.Case, 0, c.Rate, c.Flaky ? CaseStatus.Flaky : c.Rate == 0 ? CaseStatus.StillFailing : CaseStatus.StillPassing)
            {
                NewInHead = true,
                Unreviewed = c.Unreviewed,
                Failure = c.Failure,
                CriticalFailure = c.CriticalFailure,
            })];
    }

    /// <summary>
    /// Kinds whose prompt is what a pull request changes and tests (as the model is for accuracy
    /// suites): their cases pair by id across a prompt edit, and the edit is reported, not refused.
    /// </summary>
    public static bool PromptIsUnderTest(SuiteResult suite) => Suites.SuiteKinds.HasTestCases(suite.Kind);

    /// <summary>What makes items of the two runs different questions (a model change does not: it is what is being tested).</summary>
    public static List<string> BlockingChanges(SuiteResult @base, SuiteResult head)
    {
        var changes = new List<string>();
        if (PromptIsUnderTest(head))
        {
            return changes;
        }

        if (@base.DefinitionHash != head.DefinitionHash)
        {
            changes.Add("the suite definition changed");
        }

        if (@base.PromptTemplateHash != head.PromptTemplateHash)
        {
            changes.Add("the prompt template changed");
        }

        if (@base.Dataset?.Sha256 != head.Dataset?.Sha256)
        {
            changes.Add("the dataset changed");
        }

        return changes;
    }
}
