using CiGate.Core.Costs;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Targets;

namespace CiGate.Core.Running;

/// <summary>
/// The run loop shared by every suite kind: skip samples already on disk, run the rest at the
/// targets' concurrency, stream each finished sample to items.jsonl, then summarise from disk.
/// </summary>
public static class Runner
{
    public static async Task<RunResults> RunAsync(
        IReadOnlyList<ISuitePlan> plans,
        IReadOnlyDictionary<string, ITargetClient> clients,
        RunOptions options,
        RunContext context,
        IProgress<RunProgress>? progress,
        CancellationToken ct)
    {
        var folder = Path.GetFullPath(options.OutputDirectory);
        try
        {
            return await RunInAsync(folder, plans, clients, options, context, progress, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full disk or a read-only folder: stop, keep what is on disk (every complete line
            // of items.jsonl), and say how to go on. Never a stack trace.
            throw new CiGateException(new Diagnostic(
                DiagnosticCodes.ResultsWriteFailed,
                $"cannot write the results folder: {ex.Message.TrimEnd('.')}. Finished items are kept; free space or make the folder writable, then run again with --resume",
                folder));
        }
    }

    private static async Task<RunResults> RunInAsync(
        string folder,
        IReadOnlyList<ISuitePlan> plans,
        IReadOnlyDictionary<string, ITargetClient> clients,
        RunOptions options,
        RunContext context,
        IProgress<RunProgress>? progress,
        CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        using var folderLock = ResultsFolderLock.Acquire(folder);
        var itemsPath = Path.Combine(folder, ItemsFile.FileName);
        if (options.StartOver && !options.Resume)
        {
            // Under the lock, so a run still writing here is never cut short: the run this folder
            // held is its two files; reports or logs beside them are overwritten by the new run.
            File.Delete(itemsPath);
            File.Delete(Path.Combine(folder, RunResults.FileName));
        }

        var existing = ItemsFile.Read(itemsPath, out var validLength, out var digest);
        var previous = ResultsJson.TryRead(folder);
        if (options.Shard is { } shard)
        {
            plans = Sharding.ShardPlan.Wrap(plans, shard);
        }

        ResumeCheck.Verify(plans, existing, previous, options.Resume, folder);
        ResumeCheck.VerifyShard(previous, options, folder);

        var started = previous is not null && options.Resume ? previous.StartedAt : DateTimeOffset.UtcNow;
        var runId = previous is not null && options.Resume ? previous.RunId : Guid.NewGuid().ToString("n");
        var done = new HashSet<string>(existing.Where(r => r.Error is null).Select(r => r.Key), StringComparer.Ordinal);
        var seeded = options.Reuse.Suites.Values.SelectMany(r => r.Records).Where(r => !done.Contains(r.Key)).ToList();
        done.UnionWith(seeded.Select(r => r.Key));
        var units = Units(plans, done);
        var total = units.Count;
        var measured = new HashSet<ISuitePlan>();
        var others = options.Targets ?? [];
        var ledger = new BudgetLedger(options.Budget, plans, others);
        if (options.Resume && !options.FreshBudget)
        {
            // The same run, going on: what its samples already spent counts against its caps.
            ledger.Book(existing, plans);
        }

        var servers = await IdentityProbe.ProbeAsync(plans, clients, ct);
        var first = Snapshot(
            context, runId, "running", started, null, plans, existing, digest, measured, folder,
            new SnapshotParts(others, ledger, servers, options.Reuse));
        await ResultsJson.WriteAsync(folder, first, ct);

        // A short run trips after all its samples failed to connect, a long one after a streak.
        var threshold = Math.Clamp(total, 1, options.MaxConsecutiveUnreachable);
        var breaker = new EndpointBreaker(threshold);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Every client reports to the sample's meter: graders' usage is kept apart, budgets see all calls.
        var metered = clients.ToDictionary(
            c => c.Key, ITargetClient (c) => new MeteredClient(c.Value), StringComparer.Ordinal);
        var targetClients = new TargetClients(metered);
        int finished = 0, errors = 0;
        var status = "complete";
        await using (var writer = ItemsWriter.Open(itemsPath, validLength))
        {
            foreach (var record in seeded)
            {
                writer.Add(record);
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism(plans), CancellationToken = stop.Token };
            try
            {
                await Parallel.ForEachAsync(units, parallel, async (unit, token) =>
                {
                    var plan = (IItemPlan)plans[unit.Plan];
                    var reservation = ledger.Active ? await ledger.ReserveAsync(plan, token) : null;
                    if (ledger.Active && reservation is null)
                    {
                        return; // over budget: not sent, the sample stays missing
                    }

                    var meter = UsageMeter.Begin();
                    ItemRecord record;
                    try
                    {
                        var executed = await plan.ExecuteAsync(unit.Index, unit.Repeat, targetClients, token);
                        record = WithGraderUsage(executed, meter, plan.Target.Name);
                    }
                    finally
                    {
                        if (reservation is not null)
                        {
                            ledger.Settle(reservation, meter);
                        }
                    }

                    writer.Add(record);
                    if (record.Error is not null)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    if (breaker.Observe(record))
                    {
                        await stop.CancelAsync();
                    }

                    progress?.Report(new RunProgress(Interlocked.Increment(ref finished), total, Volatile.Read(ref errors)));
                });

                // Load generators (perf) run after the item suites, one at a time, so no other load skews their latencies.
                foreach (var plan in plans.OfType<ISelfScheduledPlan>().Where(p => !Reused(options, p)))
                {
                    var mine = existing.Where(r => r.Suite == plan.Suite.Name && r.Target == plan.Target.Name).ToList();
                    measured.Add(plan);
                    await plan.RunAsync(new SelfScheduledRun(folder, targetClients, mine, writer.Add, progress), stop.Token);
                }
            }
            catch (OperationCanceledException) when (breaker.Tripped is not null || ct.IsCancellationRequested)
            {
                status = "interrupted";
            }
        }

        if (breaker.Tripped is not null)
        {
            status = "interrupted";
        }

        var records = ItemsFile.Read(itemsPath, out _, out digest);
        var results = Snapshot(
            context, runId, status, started, DateTimeOffset.UtcNow, plans, records, digest, measured, folder,
            new SnapshotParts(others, ledger, servers, options.Reuse));
        await ResultsJson.WriteAsync(folder, results, CancellationToken.None);
        if (breaker.Tripped is { } problem)
        {
            throw new CiGateException(problem with { Message = $"{problem.Message}. Finished items are kept in {folder}; fix the target and run again with --resume" }, breaker.ExitCode);
        }

        ct.ThrowIfCancellationRequested();
        return results;
    }

    private static List<(int Plan, int Index, int Repeat)> Units(IReadOnlyList<ISuitePlan> plans, HashSet<string> done)
    {
        var units = new List<(int, int, int)>();
        for (var p = 0; p < plans.Count; p++)
        {
            var plan = plans[p];
            for (var i = 0; i < (plan is IItemPlan ? plan.ItemCount : 0); i++)
            {
                for (var r = 0; r < plan.Repeats; r++)
                {
                    if (done.Count == 0 || !done.Contains($"{plan.Suite.Name}\u001f{plan.Target.Name}\u001f{plan.ItemId(i)}\u001f{r}"))
                    {
                        units.Add((p, i, r));
                    }
                }
            }
        }

        return units;
    }

    private static bool Reused(RunOptions options, ISuitePlan plan) =>
        options.Reuse.Suites.ContainsKey((plan.Suite.Name, plan.Target.Name));

    private static int Parallelism(IReadOnlyList<ISuitePlan> plans) =>
        Math.Clamp(plans.Select(p => p.Target).DistinctBy(t => t.Name).Sum(t => t.Config.Concurrency), 1, 4096);

    /// <summary>
    /// The sample's requests to other targets than its own (judges, embedding models), counted
    /// apart; a sample that called none keeps no grader fields.
    /// </summary>
    private static ItemRecord WithGraderUsage(ItemRecord record, UsageMeter meter, string target)
    {
        var graders = meter.Calls.Where(c => c.Target != target).ToList();
        return graders.Count == 0 ? record : record with
        {
            GraderRequests = graders.Count,
            GraderPromptTokens = (int)graders.Sum(c => c.PromptTokens),
            GraderCompletionTokens = (int)graders.Sum(c => c.CompletionTokens),
        };
    }

    private static RunResults Snapshot(
        RunContext context,
        string runId,
        string status,
        DateTimeOffset started,
        DateTimeOffset? finished,
        IReadOnlyList<ISuitePlan> plans,
        IReadOnlyList<ItemRecord> records,
        ItemsDigest digest,
        HashSet<ISuitePlan> measured,
        string folder,
        SnapshotParts parts)
    {
        // Item plans write no side files; a self-scheduled plan's are read once it has run.
        var bySuite = records.ToLookup(r => (r.Suite, r.Target));
        var suites = plans
            .Select(p =>
            {
                var copied = parts.Reuse.Suites.GetValueOrDefault((p.Suite.Name, p.Target.Name));
                if (copied is { From.Cases: null })
                {
                    // Exactly what the reused run computed from these same items, and what answered it then.
                    return copied.Stored with
                    {
                        Reused = copied.From,
                        Gate = p.Suite.Gate,
                        Pairwise = PairwiseRecord.Of(p.Suite.Pairwise, parts.Targets),
                        GraderLabels = GraderLabelsRecord.Of(p.Suite.GraderLabels),
                    };
                }

                // Run here, or case by case: the reused cases' items beside the ones that ran, summarised as one run.
                IReadOnlyList<ItemRecord> mine = [.. bySuite[(p.Suite.Name, p.Target.Name)]];
                var summarized = p.Summarize(mine, p is IItemPlan || measured.Contains(p) ? folder : null);
                var summary = Complete(p, summarized, mine, parts.Targets, parts.Ledger);
                return summary with { Identity = parts.Servers.Identify(p, mine), Reused = copied?.From };
            })
            .ToList();
        if (status == "complete" && suites.Any(s => s.Counts.Missing > 0))
        {
            status = "incomplete";
        }

        return new RunResults(
            RunResults.CurrentSchemaVersion,
            "cigate",
            context.ToolVersion,
            runId,
            status,
            started,
            finished,
            finished is { } end ? Math.Round((end - started).TotalSeconds, 3) : 0,
            context.ConfigPath,
            [.. plans.Select(p => p.Target).DistinctBy(t => t.Name).Select(RunContext.Describe)],
            suites,
            Sharding.ShardPlan.Describe(plans),
            digest)
        {
            Commit = context.Commit,
            BudgetStop = suites.Any(s => s.BudgetStop is not null) ? parts.Ledger.FirstStop : null,
        };
    }

    /// <summary>What every kind's summary gets alike: usage beyond tokens, cost, and a budget stop.</summary>
    private static SuiteResult Complete(
        ISuitePlan plan,
        SuiteResult summary,
        IReadOnlyList<ItemRecord> records,
        IReadOnlyList<Config.TargetDefinition> targets,
        BudgetLedger ledger)
    {
        var graders = targets.Where(t => plan.AuxiliaryTargets.Contains(t.Name)).ToList();
        var stop = summary.Counts.Missing > 0 ? ledger.StopOf(plan.Suite.Name) : null;
        var usage = SuiteUsage.Complete(summary.Usage, records, plan.Target, graders);
        return summary with
        {
            Usage = usage,
            BudgetStop = stop,
            Pairwise = PairwiseRecord.Of(plan.Suite.Pairwise, targets),
            GraderLabels = GraderLabelsRecord.Of(plan.Suite.GraderLabels),
        };
    }
}

/// <summary>
/// What a results snapshot needs beyond the records: other targets and the budget (cost), the
/// servers' identity and the reused suites.
/// </summary>
internal sealed record SnapshotParts(
    IReadOnlyList<Config.TargetDefinition> Targets, BudgetLedger Ledger, IdentityProbe Servers, ReuseSet Reuse);
