using CiGate.Core.Gating;
using CiGate.GitHub.Reports;

namespace CiGate.GitHub.Publishing;

/// <summary>
/// `::error` / `::warning` workflow commands: the runner turns them into annotations on the run,
/// which works even where nothing may be posted (forks, no token).
/// </summary>
public static class WorkflowCommands
{
    public const string Title = "CiGate";

    /// <summary>One line per suite that did not pass: error for fail, warning for warn or inconclusive.</summary>
    public static IReadOnlyList<string> ForSuites(IEnumerable<SuiteOutcome> suites) =>
        [.. suites.Where(s => s.Verdict != Verdict.Pass).Select(s =>
        {
            var command = s.Verdict == Verdict.Fail ? "error" : "warning";
            var reasons = s.Reasons.Count == 0 ? "" : ": " + string.Join("; ", s.Reasons);
            return $"::{command} title={EscapeProperty(Title)}::{EscapeData($"{s.Suite} on {s.Target} {Verdicts.Name(s.Verdict)}{reasons}")}";
        })];

    /// <summary>
    /// One warning (an error when the suite failed) per changed key of a suite's definition, on the
    /// config line that sets it, so the change shows on the pull request's diff.
    /// </summary>
    public static IReadOnlyList<string> ForDefinitionChanges(IEnumerable<SuiteOutcome> suites, Func<string?, string> repositoryPath) =>
        [.. suites.SelectMany(s => s.ChangedKeys.Select(k =>
        {
            var command = s.Verdict == Verdict.Fail ? "error" : "warning";
            var place = $"file={EscapeProperty(repositoryPath(k.File))},line={k.Line ?? 1},";
            return $"::{command} {place}title={EscapeProperty($"{Title}: definition changed")}::{EscapeData($"{s.Suite} on {s.Target}: {k.Text}")}";
        }))];

    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
