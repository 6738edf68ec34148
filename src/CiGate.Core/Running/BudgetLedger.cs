using System.Globalization;
using CiGate.Core.Config;
using CiGate.Core.Costs;

namespace CiGate.Core.Running;

/// <summary>
/// Keeps a run within its budgets. Before a sample is sent it reserves that sample's estimated
/// spend (the mean the suite has spent per sample so far, or <see cref="Heuristic"/> before the
/// first, with the completion capped at its default) against the run's and its suite's budget;
/// requests in flight hold their reservations, so concurrency cannot overrun a cap by more than
/// the estimates miss. A sample that would exceed
/// a cap is not sent, and that budget stops: every later sample under it is refused too.
/// Responses from the cache spend nothing.
/// </summary>
public sealed class BudgetLedger
{
    private readonly object gate = new();
    private readonly Account? run;
    private readonly Dictionary<string, Account> suites = new(StringComparer.Ordinal);
    private readonly Dictionary<ISuitePlan, Mean> means = new(ReferenceEqualityComparer.Instance);
    private readonly IReadOnlyDictionary<string, TargetDefinition> targets;
    private TaskCompletionSource settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="others">Targets besides the plans' own (graders), so their calls are priced too.</param>
    public BudgetLedger(Budget? runBudget, IReadOnlyList<ISuitePlan> plans, IEnumerable<TargetDefinition> others)
    {
        run = runBudget is null ? null : new Account("run", runBudget);
        var known = others.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            known[plan.Target.Name] = plan.Target;
            if (plan.Suite.Budget is { } budget && !suites.ContainsKey(plan.Suite.Name))
            {
                suites[plan.Suite.Name] = new Account($"suite '{plan.Suite.Name}'", budget);
            }
        }

        targets = known;
        Active = run is not null || suites.Count > 0;
    }

    /// <summary>Whether any budget applies; without one the runner skips the ledger.</summary>
    public bool Active { get; }

    /// <summary>
    /// Reserves one sample's estimate, or returns null (and stops the budget) when what is spent
    /// plus the estimate would exceed a cap. When only the requests in flight stand in the way, it
    /// waits for one of them to settle and looks again.
    /// </summary>
    public async Task<Reservation?> ReserveAsync(ISuitePlan plan, CancellationToken ct)
    {
        while (true)
        {
            Task settledOnce;
            lock (gate)
            {
                if (TryReserve(plan, out var reservation))
                {
                    return reservation;
                }

                settledOnce = settled.Task;
            }

            await settledOnce.WaitAsync(ct);
        }
    }

    /// <summary>True with a reservation, or null when stopped; false while requests in flight must settle.</summary>
    private bool TryReserve(ISuitePlan plan, out Reservation? reservation)
    {
        reservation = null;
        if (!means.TryGetValue(plan, out var mean))
        {
            // max_tokens is a ceiling, not a guess: before the first measured sample a suite
            // reserves at most the default completion, so a small cap still lets samples run.
            var first = Heuristic.Estimate(plan);
            var completion = Math.Min(first.Completion, Heuristic.DefaultCompletionTokens);
            mean = new Mean(first.Prompt + completion, PriceOf(plan.Target, first.Prompt, completion));
            means[plan] = mean;
        }

        var (tokens, cost) = mean.Estimate;
        var accounts = Accounts(plan).ToList();
        foreach (var account in accounts)
        {
            if (account.Stop is not null || !account.Fits(tokens, cost, inFlight: false))
            {
                account.Stop ??= account.Reason(tokens, cost, Currency(plan));
                return true;
            }
        }

        if (accounts.Any(a => !a.Fits(tokens, cost, inFlight: true)))
        {
            return false;
        }

        foreach (var account in accounts)
        {
            account.ReservedTokens += tokens;
            account.ReservedCost += cost;
        }

        reservation = new Reservation(plan, tokens, cost);
        return true;
    }

    /// <summary>Releases the reservation and books what the sample really spent (its metered calls).</summary>
    public void Settle(Reservation reservation, UsageMeter meter)
    {
        double tokens = 0, cost = 0;
        var sent = false;
        foreach (var call in meter.Calls.Where(c => !c.FromCache))
        {
            sent = true;
            tokens += call.PromptTokens + call.CompletionTokens;
            cost += targets.TryGetValue(call.Target, out var target)
                ? PriceOf(target, call.PromptTokens, call.CompletionTokens)
                : 0;
        }

        lock (gate)
        {
            foreach (var account in Accounts(reservation.Plan))
            {
                account.ReservedTokens -= reservation.Tokens;
                account.ReservedCost -= reservation.Cost;
                account.SpentTokens += tokens;
                account.SpentCost += cost;
            }

            if (sent)
            {
                means[reservation.Plan].Add(tokens, cost);
            }

            var waiting = settled;
            settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.TrySetResult();
        }
    }

    /// <summary>
    /// Books what the samples already in the folder spent (<c>--resume</c>): their target's and graders'
    /// tokens as recorded, priced at the config's prices (graders at the suite's one grader's, when it has
    /// one). Cache hits and reused samples spent nothing in this run.
    /// </summary>
    public void Book(IEnumerable<Results.ItemRecord> records, IReadOnlyList<ISuitePlan> plans)
    {
        ArgumentNullException.ThrowIfNull(records);
        var byKey = plans.GroupBy(p => (p.Suite.Name, p.Target.Name)).ToDictionary(g => g.Key, g => g.First());
        lock (gate)
        {
            foreach (var record in records.Where(r => !r.Cached && r.ReusedFrom is null))
            {
                if (!byKey.TryGetValue((record.Suite, record.Target), out var plan))
                {
                    continue;
                }

                double prompt = record.PromptTokens ?? 0, completion = record.CompletionTokens ?? 0;
                double graderPrompt = record.GraderPromptTokens ?? 0;
                double graderCompletion = record.GraderCompletionTokens ?? 0;
                var grader = plan.AuxiliaryTargets.Count == 1
                    ? targets.GetValueOrDefault(plan.AuxiliaryTargets[0])
                    : null;
                var tokens = prompt + completion + graderPrompt + graderCompletion;
                var cost = PriceOf(plan.Target, prompt, completion)
                    + (grader is null ? 0 : PriceOf(grader, graderPrompt, graderCompletion));
                foreach (var account in Accounts(plan))
                {
                    account.SpentTokens += tokens;
                    account.SpentCost += cost;
                    account.BeforeTokens += tokens;
                    account.BeforeCost += cost;
                }

                if (!means.TryGetValue(plan, out var mean))
                {
                    mean = new Mean(tokens, cost);
                    means[plan] = mean;
                }

                mean.Add(tokens, cost);
            }
        }
    }

    /// <summary>Why a suite's remaining samples were not sent; null when no budget stopped it.</summary>
    public string? StopOf(string suite)
    {
        lock (gate)
        {
            return (suites.TryGetValue(suite, out var own) ? own.Stop : null) ?? run?.Stop;
        }
    }

    /// <summary>The first budget that stopped, for the run as a whole.</summary>
    public string? FirstStop
    {
        get
        {
            lock (gate)
            {
                return run?.Stop ?? suites.Values.Select(s => s.Stop).OfType<string>().FirstOrDefault();
            }
        }
    }

    /// <summary>Tokens spent (requests sent, cache hits excluded) under the run budget, or overall.</summary>
    public double SpentTokens(string? suite = null)
    {
        lock (gate)
        {
            return suite is not null && suites.TryGetValue(suite, out var own)
                ? own.SpentTokens
                : run?.SpentTokens ?? 0;
        }
    }

    private IEnumerable<Account> Accounts(ISuitePlan plan)
    {
        if (run is not null)
        {
            yield return run;
        }

        if (suites.TryGetValue(plan.Suite.Name, out var own))
        {
            yield return own;
        }
    }

    private static double PriceOf(TargetDefinition target, double prompt, double completion) =>
        target.Pricing?.Cost((long)Math.Round(prompt), (long)Math.Round(completion)) ?? 0;

    private static string? Currency(ISuitePlan plan) => plan.Target.Pricing?.Currency;

    public sealed record Reservation(ISuitePlan Plan, double Tokens, double Cost);

    private sealed class Account(string scope, Budget cap)
    {
        public double SpentTokens { get; set; }
        public double SpentCost { get; set; }
        public double ReservedTokens { get; set; }
        public double ReservedCost { get; set; }
        public double BeforeTokens { get; set; }
        public double BeforeCost { get; set; }
        public string? Stop { get; set; }

        public bool Fits(double tokens, double cost, bool inFlight) =>
            (cap.Tokens is not { } t || SpentTokens + (inFlight ? ReservedTokens : 0) + tokens <= t)
            && (cap.Cost is not { } c || SpentCost + (inFlight ? ReservedCost : 0) + cost <= c);

        public string Reason(double tokens, double cost, string? currency)
        {
            var spent = cap.Tokens is not null
                ? $"{SpentTokens.ToString("N0", CultureInfo.InvariantCulture)} tokens"
                : Money.Format(SpentCost, currency);
            var next = cap.Tokens is not null
                ? $"~{tokens.ToString("N0", CultureInfo.InvariantCulture)} tokens"
                : $"~{Money.Format(cost, currency)}";
            var before = BeforeTokens == 0 && BeforeCost == 0 ? "" : cap.Tokens is not null
                ? $", {BeforeTokens.ToString("N0", CultureInfo.InvariantCulture)} of them before --resume"
                : $", {Money.Format(BeforeCost, currency)} of it before --resume";
            var fresh = before.Length == 0 ? "" : " (--resume --fresh-budget counts from zero)";
            return $"budget reached: the {scope} budget of {cap.Describe(currency)} would be exceeded"
                + " by the next request"
                + $" ({spent} spent{before}, {next} next); the samples not run are missing{fresh}";
        }
    }

    /// <summary>The running mean spend of one plan's samples; the first estimate stands until one is.</summary>
    private sealed class Mean(double tokens, double cost)
    {
        private double sumTokens, sumCost;
        private int count;

        public (double Tokens, double Cost) Estimate =>
            count == 0 ? (tokens, cost) : (sumTokens / count, sumCost / count);

        public void Add(double t, double c)
        {
            sumTokens += t;
            sumCost += c;
            count++;
        }
    }
}
