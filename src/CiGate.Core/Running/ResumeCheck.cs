using CiGate.Core.Diagnostics;
using CiGate.Core.Results;

namespace CiGate.Core.Running;

/// <summary>
/// A results folder belongs to one run. Appending to it is only allowed with --resume, and only
/// when the suites, datasets and prompts are the ones that run started with.
/// </summary>
internal static class ResumeCheck
{
    public static void Verify(IReadOnlyList<ISuitePlan> plans, IReadOnlyList<ItemRecord> existing, RunResults? previous, bool resume, string folder)
    {
        if (!resume)
        {
            if (existing.Count > 0)
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.ResultsFolderNotEmpty, $"the results folder already holds {existing.Count} finished items; pass --resume to complete that run, --force to discard it and start over, or choose an empty --out", folder));
            }

            return;
        }

        if (previous is null)
        {
            return;
        }

        var diagnostics = new DiagnosticBag();
        foreach (var plan in plans)
        {
            var before = previous.Suites.FirstOrDefault(s => s.Suite == plan.Suite.Name && s.Target == plan.Target.Name);
            if (before is null)
            {
                diagnostics.Add(DiagnosticCodes.ResumeMismatch, $"cannot resume: suite '{plan.Suite.Name}' on '{plan.Target.Name}' was not part of the run in this folder", folder);
            }
            else if (before.DefinitionHash != plan.Suite.DefinitionHash)
            {
                diagnostics.Add(DiagnosticCodes.ResumeMismatch, $"cannot resume: suite '{plan.Suite.Name}' changed since the run in this folder started (definition hash {before.DefinitionHash[..12]} vs {plan.Suite.DefinitionHash[..12]})", folder);
            }
            else if (before.Dataset?.Sha256 != plan.Dataset?.Sha256)
            {
                diagnostics.Add(DiagnosticCodes.ResumeMismatch, $"cannot resume: the dataset of suite '{plan.Suite.Name}' changed since the run in this folder started", folder);
            }
        }

        diagnostics.ThrowIfAny();
    }

    /// <summary>A shard's folder is resumed as that shard: another cut would mix two item sets in one folder.</summary>
    public static void VerifyShard(RunResults? previous, RunOptions options, string folder)
    {
        if (!options.Resume || previous is null)
        {
            return;
        }

        var before = previous.Shard is { } s ? $"{s.Index}/{s.Count}" : null;
        var now = options.Shard?.ToString();
        if (before != now)
        {
            throw new CiGateException(new Diagnostic(
                DiagnosticCodes.ResumeMismatch,
                before is null
                    ? $"cannot resume: the run in this folder was not sharded; run again without --shard {now}"
                    : $"cannot resume: the run in this folder is shard {before}; pass --shard {before}",
                folder));
        }
    }
}
