using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Reporting;

/// <summary>Builds the report's "Definition changed" and "No base results" blocks (templates/changes.*.sbn).</summary>
internal static class ChangesViewBuilder
{
    /// <summary>Changed keys listed per suite; more are summed up in one line.</summary>
    public const int MaxKeys = 20;

    public static IReadOnlyList<DefinitionChangeView> DefinitionChanges(IEnumerable<SuiteVerdict> suites, Func<SuiteVerdict, string> nameOf, ReportFormat format) =>
        [.. suites.Where(s => s.Suite.DefinitionChange is not null).Select(s => Build(s, s.Suite.DefinitionChange!, nameOf(s), format))];

    public static NoBaseView? NoBase(NoBase? noBase, ReportFormat format) => noBase is null ? null : new NoBaseView(
        format.Sentence(noBase.Reason.TrimEnd().EndsWith('.') ? noBase.Reason.TrimEnd() : noBase.Reason.TrimEnd() + "."),
        format.Sentence(noBase.Required
            ? "The base is required (require-base), so the verdict is inconclusive: without a base nothing can be gated."
            : "The base is not required here (require-base: false), so nothing was gated and the verdict is none."),
        [.. Gating.NoBase.Fixes.Select(format.Sentence)]);

    private static DefinitionChangeView Build(SuiteVerdict verdict, DefinitionChange change, string name, ReportFormat format)
    {
        var suite = verdict.Suite;
        var keys = change.Keys.Select(k => k.Text).ToList();
        if (!change.KeysKnown)
        {
            keys.Insert(0, DefinitionChange.UnknownKeys);
        }

        if (keys.Count == 0)
        {
            keys.AddRange(change.What);
        }

        if (keys.Count > MaxKeys)
        {
            // A rewritten suite can change dozens of keys: the first ones say enough, and the comment has a size limit.
            keys = [.. keys.Take(MaxKeys - 1), $"and {keys.Count - (MaxKeys - 1)} more changed keys (see gate.json)"];
        }

        var policy = change.Policy.ToString().ToLowerInvariant();
        var effect = change.Policy switch
        {
            DefinitionChangePolicy.Fail => "the suite fails (on_definition_change: fail).",
            DefinitionChangePolicy.Warn => "the suite warns; set gate: { on_definition_change: accept } on the suite to accept the change, or fail to block it.",
            _ => "accepted: the suite is gated on what could be compared.",
        };
        var pairing = Suites.SuiteKinds.For(suite.Kind).PairingNote(suite) is { } note
            ? note
            : suite.Pairing == Pairing.Unpaired
            ? "No item kept its prompt, so the suite means were compared unpaired (no per-item flips)."
            : $"{suite.PairedItems} items asked the same prompt and were paired as usual; left unpaired: {suite.PromptMismatches} with a changed prompt, {suite.BaseOnlyItems} only in base, {suite.HeadOnlyItems} only in head.";
        return new DefinitionChangeView(format.Name(name), format.Name(policy), format.Sentence(effect), format.Sentence(pairing), [.. keys.Select(format.Sentence)]);
    }
}
