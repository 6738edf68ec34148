using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;

namespace CiGate.Cli.Commands;

/// <summary>`run --changed-since REF --reuse-from DIR`: picks the suites to copy and says which ran and why.</summary>
internal static class ChangedOnly
{
    public static ReuseSet Select(
        IReadOnlyList<ISuitePlan> plans, CiGateConfig config, string? since, string? from, string? branch, TextWriter stderr)
    {
        if (since is null || from is null)
        {
            return ReuseSet.None;
        }

        var source = LoadedRun.Load(from);
        if (source.Results.Status != "complete")
        {
            throw new CiGateException(new Diagnostic(
                DiagnosticCodes.ReuseSourceInvalid,
                $"the run in --reuse-from is {source.Results.Status}, not complete; nothing of it is reused",
                source.Folder));
        }

        var changed = ChangedFiles.Since(since, config.SourcePath);
        var label = ReuseSelector.Label(source.Results, branch);
        var set = ReuseSelector.Select(plans, source.Results, source.Items, changed, config.BaseDirectory, label);
        foreach (var decision in set.Decisions)
        {
            stderr.WriteLine(decision.Reused
                ? $"{decision.Suite}@{decision.Target}: unchanged: reused from {label}"
                : $"{decision.Suite}@{decision.Target}: runs: {decision.Reason}");
        }

        return set;
    }
}
