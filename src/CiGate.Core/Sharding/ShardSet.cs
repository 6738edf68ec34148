using CiGate.Core.Comparing;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;

namespace CiGate.Core.Sharding;

/// <summary>
/// Reads the shard folders given to merge and proves they make up exactly one run: every shard
/// of one cut present once and complete, all from the same tool, config, models and datasets,
/// and every item in the shard its id hashes to. Every problem found is reported, one line each.
/// </summary>
internal static class ShardSet
{
    public static IReadOnlyList<LoadedShard> Load(IReadOnlyList<string> folders)
    {
        var bag = new DiagnosticBag();
        var shards = new List<LoadedShard>();
        foreach (var folder in folders)
        {
            try
            {
                var run = LoadedRun.Load(folder);
                if (run.Results.Shard is { } info)
                {
                    shards.Add(new LoadedShard(run, info));
                }
                else
                {
                    bag.Add(DiagnosticCodes.NotAShard, "not a shard: this run was made without --shard, so there is nothing to merge it with", run.Folder);
                }
            }
            catch (CiGateException ex)
            {
                foreach (var diagnostic in ex.Diagnostics)
                {
                    bag.Add(diagnostic);
                }
            }
        }

        bag.ThrowIfAny();
        CheckCut(shards, bag);
        bag.ThrowIfAny();
        var first = shards.OrderBy(s => s.Info.Index).First();
        foreach (var shard in shards.Where(s => s != first))
        {
            CheckSameRun(first, shard, bag);
        }

        foreach (var shard in shards)
        {
            CheckItems(shard, bag);
        }

        bag.ThrowIfAny();
        return [.. shards.OrderBy(s => s.Info.Index)];
    }

    private static void CheckCut(List<LoadedShard> shards, DiagnosticBag bag)
    {
        var first = shards[0];
        foreach (var shard in shards.Where(s => s.Info.Count != first.Info.Count || s.Info.Assignment != first.Info.Assignment))
        {
            bag.Add(DiagnosticCodes.ShardMismatch, $"{shard.Name} ({shard.Info.Assignment}) is not from the same cut as {first.Folder}, {first.Name} ({first.Info.Assignment}): every shard must come from one run cut with the same --shard I/N", shard.Folder);
        }

        if (bag.HasErrors)
        {
            return;
        }

        foreach (var twice in shards.GroupBy(s => s.Info.Index).Where(g => g.Count() > 1))
        {
            bag.Add(DiagnosticCodes.ShardDuplicated, $"shard {twice.Key}/{first.Info.Count} is given {twice.Count()} times ({string.Join(", ", twice.Select(s => s.Folder))}); pass each shard once", twice.First().Folder);
        }

        var missing = Enumerable.Range(1, first.Info.Count).Except(shards.Select(s => s.Info.Index)).ToList();
        if (missing.Count > 0)
        {
            bag.Add(DiagnosticCodes.ShardMissing, $"shard {string.Join(", ", missing.Select(m => $"{m}/{first.Info.Count}"))} {(missing.Count == 1 ? "is" : "are")} missing: a merged run needs all {first.Info.Count} shards");
        }

        foreach (var shard in shards.Where(s => s.Results.Status != "complete"))
        {
            bag.Add(DiagnosticCodes.ShardIncomplete, $"{shard.Name} is {shard.Results.Status}, not complete; finish it with 'cigate run --resume --shard {shard.Info.Index}/{shard.Info.Count} --out {shard.Folder}'", shard.Folder);
        }
    }

    private static void CheckSameRun(LoadedShard first, LoadedShard shard, DiagnosticBag bag)
    {
        // One line per odd shard: its first difference says enough (a new model also serves new model names).
        var reported = false;
        void Differs(string what)
        {
            if (!reported)
            {
                bag.Add(DiagnosticCodes.ShardMismatch, $"{shard.Name} and {first.Name} ({first.Folder}) differ: {what}; shards must come from one run of one config", shard.Folder);
                reported = true;
            }
        }

        if (shard.Results.ToolVersion != first.Results.ToolVersion)
        {
            Differs($"cigate {shard.Results.ToolVersion} vs {first.Results.ToolVersion}");
        }

        foreach (var target in first.Results.Targets)
        {
            var other = shard.Results.Targets.FirstOrDefault(t => t.Name == target.Name);
            if (other is not null && (other.Model, other.Api, other.Temperature, other.Seed, other.Simulated) != (target.Model, target.Api, target.Temperature, target.Seed, target.Simulated))
            {
                Differs($"target '{target.Name}' is model '{other.Model}' ({other.Api}, temperature {other.Temperature}, seed {other.Seed}) vs '{target.Model}' ({target.Api}, temperature {target.Temperature}, seed {target.Seed})");
            }
        }

        var mine = first.Results.Suites.Select(s => $"{s.Suite} on {s.Target}").Order(StringComparer.Ordinal).ToList();
        var theirs = shard.Results.Suites.Select(s => $"{s.Suite} on {s.Target}").Order(StringComparer.Ordinal).ToList();
        if (!mine.SequenceEqual(theirs, StringComparer.Ordinal))
        {
            Differs($"the suites run are [{string.Join(", ", theirs)}] vs [{string.Join(", ", mine)}]");
            return;
        }

        foreach (var a in first.Results.Suites)
        {
            var b = shard.Suite(a.Suite, a.Target)!;
            var name = $"suite '{a.Suite}' on '{a.Target}'";
            if (a.Kind != b.Kind || a.DefinitionHash != b.DefinitionHash)
            {
                Differs($"{name} has a different definition (hash {Short(b.DefinitionHash)} vs {Short(a.DefinitionHash)})");
            }
            else if (a.PromptTemplateHash != b.PromptTemplateHash)
            {
                Differs($"{name} has a different prompt (hash {Short(b.PromptTemplateHash)} vs {Short(a.PromptTemplateHash)})");
            }
            else if (a.Dataset?.Sha256 != b.Dataset?.Sha256)
            {
                Differs($"{name} ran on a different dataset (sha256 {Short(b.Dataset?.Sha256)} vs {Short(a.Dataset?.Sha256)})");
            }
            else if (a.ServedModels.Count > 0 && b.ServedModels.Count > 0 && !a.ServedModels.SequenceEqual(b.ServedModels, StringComparer.Ordinal))
            {
                Differs($"the server reported serving {string.Join(", ", b.ServedModels)} vs {string.Join(", ", a.ServedModels)} for {name}");
            }
            else if (Total(shard, a) != Total(first, a))
            {
                Differs($"{name} has {Total(shard, a)} items in the whole run vs {Total(first, a)}");
            }
        }
    }

    private static void CheckItems(LoadedShard shard, DiagnosticBag bag)
    {
        var suites = shard.Results.Suites.Select(s => (s.Suite, s.Target)).ToHashSet();
        foreach (var record in shard.Run.Items)
        {
            if (!suites.Contains((record.Suite, record.Target)))
            {
                bag.Add(DiagnosticCodes.ShardMismatch, $"{ItemsFile.FileName} holds suite '{record.Suite}' on '{record.Target}', which {RunResults.FileName} does not list", shard.Folder);
                return;
            }

            // A suite that runs whole (a load sweep) lives in the shard its name hashes to.
            var whole = Suites.SuiteKinds.For(shard.Suite(record.Suite, record.Target)!.Kind).RunsWhole;
            var home = ShardSpec.Of(whole ? record.Suite : record.Item, shard.Info.Count);
            if (home != shard.Info.Index)
            {
                var what = whole ? $"suite '{record.Suite}' (it runs whole in one shard)" : $"item '{record.Item}' of suite '{record.Suite}'";
                bag.Add(DiagnosticCodes.ShardMismatch, $"{what} belongs to shard {home}/{shard.Info.Count}, but this folder is {shard.Name}", shard.Folder);
                return;
            }
        }

        foreach (var suite in shard.Results.Suites)
        {
            var samples = shard.Records(suite.Suite, suite.Target).Count();
            if (samples != suite.Counts.Completed + suite.Counts.Errored)
            {
                bag.Add(DiagnosticCodes.ShardIncomplete, $"{ItemsFile.FileName} of {shard.Name} holds {samples} samples of suite '{suite.Suite}' on '{suite.Target}', but {RunResults.FileName} counts {suite.Counts.Completed + suite.Counts.Errored}: the folder is damaged or was copied mid-run", shard.Folder);
                return;
            }
        }
    }

    public static int? Total(LoadedShard shard, SuiteResult suite) =>
        shard.Info.Suites.FirstOrDefault(s => s.Suite == suite.Suite && s.Target == suite.Target)?.TotalItems;

    private static string Short(string? hash) => hash is null ? "none" : hash[..Math.Min(12, hash.Length)];
}
