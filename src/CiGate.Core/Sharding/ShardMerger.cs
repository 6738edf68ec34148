using System.Text.Json;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;

namespace CiGate.Core.Sharding;

/// <summary>
/// `cigate merge`: joins the folders of a run's N shards into one results folder that equals the
/// unsharded run: every item record, and metrics recomputed from all of them by each suite
/// kind's own Summarize (never averaged from the shards' partial metrics). Works from the
/// folders alone, like everything after `run`. items.jsonl is written in a fixed order: suites
/// as results.json lists them, then item id (ordinal), then repeat.
/// </summary>
public static class ShardMerger
{
    public static async Task<RunResults> MergeAsync(IReadOnlyList<string> shardFolders, string outputFolder, CancellationToken ct)
    {
        if (shardFolders.Count == 0)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.Usage, "merge needs the folders of every shard of a run"));
        }

        var output = Path.GetFullPath(outputFolder);
        if (File.Exists(Path.Combine(output, RunResults.FileName)) || File.Exists(Path.Combine(output, ItemsFile.FileName)))
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.ResultsFolderNotEmpty, "the output folder already holds a run; choose an empty --out", output));
        }

        var shards = ShardSet.Load(shardFolders);
        var first = shards[0];
        var suites = new List<SuiteResult>();
        var records = new List<ItemRecord>();
        foreach (var stored in first.Results.Suites)
        {
            var total = ShardSet.Total(first, stored) ?? shards.Sum(s => s.Suite(stored.Suite, stored.Target)!.Counts.Items);
            if (Suites.SuiteKinds.For(stored.Kind).RunsWhole)
            {
                // It ran whole in one shard: taken as that shard recorded it (nothing to re-summarise).
                var owner = shards.First(s => s.Info.Index == ShardSpec.Of(stored.Suite, s.Info.Count));
                var whole = owner.Suite(stored.Suite, stored.Target)!;
                Complete(whole, total, owner.Folder);
                suites.Add(whole);
                records.AddRange(owner.Records(stored.Suite, stored.Target).OrderBy(r => r.Item, StringComparer.Ordinal).ThenBy(r => r.Repeat));
                continue;
            }

            var target = first.Results.Targets.First(t => t.Name == stored.Target);
            var plan = SummaryPlans.Rebuild(stored, target, total, first.Folder);
            foreach (var shard in shards)
            {
                // The proof that the rebuilt plan summarises as the run's own plan did: it gives
                // back each shard's stored (partial) summary from that shard's records.
                var own = shard.Suite(stored.Suite, stored.Target)!;
                var again = ShardPlan.Narrow(plan.Summarize([.. shard.Records(stored.Suite, stored.Target)], shard.Folder), own.Counts.Items, plan.Repeats);
                if (Numbers(again) != Numbers(own with { Usage = SuiteUsage.WithoutExtras(own.Usage) }))
                {
                    throw SummaryPlans.Refuse(stored, $"re-summarising the items of {shard.Name} does not give back its stored metrics (this suite kind's metrics read settings merge does not rebuild)", shard.Folder);
                }
            }

            var all = shards.SelectMany(s => s.Records(stored.Suite, stored.Target))
                .OrderBy(r => r.Item, StringComparer.Ordinal)
                .ThenBy(r => r.Repeat)
                .ToList();
            var merged = SummaryPlans.WithIdentity(plan.Summarize(all, null), stored) with
            {
                // What answered the whole run: every shard's models and fingerprints, the server as shard 1 saw it.
                Identity = stored.Identity is { } served
                    ? served with
                    {
                        Models = Running.RecordStats.ServedModels(all),
                        Fingerprints = [.. all.Select(r => r.SystemFingerprint).OfType<string>()
                            .Distinct(StringComparer.Ordinal)
                            .Order(StringComparer.Ordinal)],
                    }
                    : null,
            };
            var parts = shards.Select(s => s.Suite(stored.Suite, stored.Target)!.Usage).ToList();
            merged = merged with { Usage = SuiteUsage.Merge(merged.Usage, parts) };
            Complete(merged, total, first.Folder);

            suites.Add(merged);
            records.AddRange(all);
        }

        var results = Combine(shards, suites);
        Directory.CreateDirectory(output);
        var itemsPath = Path.Combine(output, ItemsFile.FileName);
        await using (var writer = ItemsWriter.Open(itemsPath, 0))
        {
            foreach (var record in records)
            {
                writer.Add(record);
            }
        }

        JoinSideFiles(shards, suites, output);
        ItemsFile.Read(itemsPath, out _, out var digest);
        results = results with { Items = digest };
        await ResultsJson.WriteAsync(output, results, ct);
        return results;
    }

    private static void Complete(SuiteResult merged, int total, string folder)
    {
        if (merged.Counts.Items != total || merged.Counts.Missing > 0)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.ShardIncomplete, $"suite '{merged.Suite}' on '{merged.Target}': the shards hold {merged.Counts.Completed + merged.Counts.Errored} of its {merged.Counts.Samples} samples; resume the shards that miss some", folder));
        }
    }

    /// <summary>The kinds' files beside items.jsonl (perf: requests, telemetry), shard after shard.</summary>
    private static void JoinSideFiles(IReadOnlyList<LoadedShard> shards, List<SuiteResult> suites, string output)
    {
        var names = suites.SelectMany(s => Suites.SuiteKinds.For(s.Kind).SideFiles).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var parts = shards.Select(s => Path.Combine(s.Folder, name)).Where(File.Exists).ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            using var joined = File.Create(Path.Combine(output, name));
            foreach (var part in parts)
            {
                using var input = File.OpenRead(part);
                input.CopyTo(joined);
            }
        }
    }

    private static RunResults Combine(IReadOnlyList<LoadedShard> shards, List<SuiteResult> suites)
    {
        var first = shards[0].Results;
        var started = shards.Min(s => s.Results.StartedAt);
        var finished = shards.Max(s => s.Results.FinishedAt ?? s.Results.StartedAt);
        // Derived from the shards' run ids, so merging the same shards twice names the same run.
        var runId = Hashing.Sha256Hex(string.Join(",", shards.Select(s => s.Results.RunId)))[..32];
        return new RunResults(
            RunResults.CurrentSchemaVersion,
            first.Tool,
            first.ToolVersion,
            runId,
            "complete",
            started,
            finished,
            Math.Round((finished - started).TotalSeconds, 3),
            first.ConfigPath,
            first.Targets,
            suites) { Commit = first.Commit };
    }

    private static string Numbers(SuiteResult s) =>
        JsonSerializer.Serialize(new { s.Counts, s.Metrics, s.Macro, s.Groups, s.ServedModels, s.Usage, s.Details }, ResultsJson.Options);
}
