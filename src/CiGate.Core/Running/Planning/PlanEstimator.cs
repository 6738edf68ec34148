using CiGate.Core.Config;
using CiGate.Core.Results;

namespace CiGate.Core.Running.Planning;

/// <summary>
/// <c>cigate plan</c>'s numbers, before anything runs. With a base results folder, each sample is
/// estimated from the base's recorded usage of the same item (matched by suite, target and item
/// id; mean over its repeats), an item absent from base from the suite's mean there, and a suite
/// absent from base by <see cref="Heuristic"/>; without one, every suite by the heuristic.
/// </summary>
public static class PlanEstimator
{
    public const string BaseBasis = "base run's recorded usage";

    public static RunEstimate Estimate(
        IReadOnlyList<ISuitePlan> plans, IReadOnlyList<TargetDefinition> targets, string? baseFolder)
    {
        var records = baseFolder is null
            ? []
            : ItemsFile.Read(Path.Combine(baseFolder, ItemsFile.FileName), out _);
        var bySuite = records
            .Where(r => r.Error is null)
            .GroupBy(r => r.Key)
            .Select(g => g.Last())
            .ToLookup(r => (r.Suite, r.Target));
        var suites = plans
            .Select(p => Suite(p, [.. bySuite[(p.Suite.Name, p.Target.Name)]], targets))
            .ToList();
        return new RunEstimate(suites, baseFolder is null ? null : Path.GetFullPath(baseFolder));
    }

    private static SuiteEstimate Suite(
        ISuitePlan plan, List<ItemRecord> recorded, IReadOnlyList<TargetDefinition> targets)
    {
        var samples = plan is IItemPlan ? (long)plan.ItemCount * plan.Repeats : 0;
        var pricing = plan.Target.Pricing;
        var grader = targets.Where(t => plan.AuxiliaryTargets.Contains(t.Name)).ToList();
        var graderPricing = grader.Count == 1 ? grader[0].Pricing : null;
        if (plan is not IItemPlan)
        {
            return new SuiteEstimate(
                plan.Suite.Name, plan.Target.Name, plan.Suite.Kind, 0, 0, 0, 0, 0, 0, null, null, null,
                plan.Target.Config.Concurrency, "a load generator: its requests follow its schedule, not estimated");
        }

        Sample total;
        string basis;
        double? seconds = null;
        if (recorded.Count > 0)
        {
            var perItem = recorded.GroupBy(r => r.Item, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Sample.Mean(g), StringComparer.Ordinal);
            var mean = Sample.Mean(recorded);
            var latencies = recorded.Where(r => !r.Cached).GroupBy(r => r.Item, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Average(r => r.LatencyMs), StringComparer.Ordinal);
            var meanLatency = latencies.Count == 0 ? (double?)null : latencies.Values.Average();
            var scale = PromptScale(plan, perItem);
            total = Sample.Zero;
            double milliseconds = 0;
            var missing = 0;
            for (var i = 0; i < plan.ItemCount; i++)
            {
                var id = plan.ItemId(i);
                if (!perItem.TryGetValue(id, out var sample))
                {
                    // A new item: its own rendered prompt at the base's tokens per character where known.
                    sample = scale is { } s && s.Heuristic.ByItem.TryGetValue(id, out var rendered)
                        ? mean with { Prompt = rendered.Prompt * s.Ratio }
                        : mean;
                    missing++;
                }

                total += sample * plan.Repeats;
                milliseconds += (latencies.TryGetValue(id, out var ms) ? ms : meanLatency ?? 0) * plan.Repeats;
            }

            seconds = meanLatency is null ? null : milliseconds / 1000 / plan.Target.Config.Concurrency;
            basis = missing == 0 ? BaseBasis : $"{BaseBasis}; {missing} item(s) not in base at the suite's mean";
        }
        else
        {
            var heuristic = Heuristic.Estimate(plan);
            total = Sample.Zero;
            for (var i = 0; i < plan.ItemCount; i++)
            {
                var (prompt, completion) = heuristic.ByItem.TryGetValue(plan.ItemId(i), out var known)
                    ? known
                    : (heuristic.Prompt, heuristic.Completion);
                total += new Sample(prompt, completion, 0, 0, 0) * plan.Repeats;
            }

            basis = heuristic.Basis + (plan.AuxiliaryTargets.Count > 0 ? "; grader calls not estimated" : "");
        }

        var cost = pricing?.Cost((long)Math.Round(total.Prompt), (long)Math.Round(total.Completion));
        if (cost is not null && total.GraderRequests > 0)
        {
            cost = graderPricing is not null && graderPricing.Currency == pricing!.Currency
                ? cost + graderPricing.Cost(
                    (long)Math.Round(total.GraderPrompt), (long)Math.Round(total.GraderCompletion))
                : null; // an unpriced judge: no made-up total
        }

        return new SuiteEstimate(
            plan.Suite.Name, plan.Target.Name, plan.Suite.Kind, samples, total.GraderRequests, total.Prompt,
            total.Completion, total.GraderPrompt, total.GraderCompletion, cost, pricing?.Currency, seconds,
            plan.Target.Config.Concurrency, basis);
    }

    /// <summary>
    /// How the base's measured prompt tokens relate to the heuristic's for the items both know, so
    /// an item new in head is estimated from its own rendered prompt; null when they share none.
    /// </summary>
    private static (SampleEstimate Heuristic, double Ratio)? PromptScale(
        ISuitePlan plan, Dictionary<string, Sample> perItem)
    {
        if (perItem.Count >= plan.ItemCount)
        {
            return null;
        }

        var heuristic = Heuristic.Estimate(plan);
        double measured = 0, guessed = 0;
        foreach (var (id, rendered) in heuristic.ByItem)
        {
            if (perItem.TryGetValue(id, out var sample))
            {
                measured += sample.Prompt;
                guessed += rendered.Prompt;
            }
        }

        return guessed > 0 ? (heuristic, measured / guessed) : null;
    }

    /// <summary>Tokens and grader requests of one sample (or a sum of samples).</summary>
    private readonly record struct Sample(
        double Prompt, double Completion, double GraderRequests, double GraderPrompt, double GraderCompletion)
    {
        public static readonly Sample Zero = new(0, 0, 0, 0, 0);

        public static Sample operator +(Sample a, Sample b) => new(
            a.Prompt + b.Prompt,
            a.Completion + b.Completion,
            a.GraderRequests + b.GraderRequests,
            a.GraderPrompt + b.GraderPrompt,
            a.GraderCompletion + b.GraderCompletion);

        public static Sample operator *(Sample a, double n) => new(
            a.Prompt * n, a.Completion * n, a.GraderRequests * n, a.GraderPrompt * n, a.GraderCompletion * n);

        public static Sample Mean(IEnumerable<ItemRecord> records)
        {
            var list = records.ToList();
            return new Sample(
                list.Average(r => (double)(r.PromptTokens ?? 0)),
                list.Average(r => (double)(r.CompletionTokens ?? 0)),
                list.Average(r => (double)(r.GraderRequests ?? 0)),
                list.Average(r => (double)(r.GraderPromptTokens ?? 0)),
                list.Average(r => (double)(r.GraderCompletionTokens ?? 0)));
        }
    }
}
