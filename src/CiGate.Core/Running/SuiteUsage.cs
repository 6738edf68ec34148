using CiGate.Core.Config;
using CiGate.Core.Results;

namespace CiGate.Core.Running;

/// <summary>
/// The per-suite usage every kind shares beyond prompt and completion tokens: cached and reasoning
/// tokens, output length, grader usage, and cost where the config prices the targets. Added by the
/// runner to each kind's summary, so no kind computes it.
/// </summary>
public static class SuiteUsage
{
    public static UsageSummary Complete(
        UsageSummary usage,
        IReadOnlyList<ItemRecord> records,
        TargetDefinition target,
        IReadOnlyList<TargetDefinition> graders)
    {
        long? cached = null, reasoning = null, graderRequests = null, graderPrompt = null, graderCompletion = null;
        long outputChars = 0;
        var outputs = 0;
        foreach (var record in records)
        {
            cached = Add(cached, record.CachedTokens);
            reasoning = Add(reasoning, record.ReasoningTokens);
            graderRequests = Add(graderRequests, record.GraderRequests);
            if (record.GraderRequests is not null)
            {
                graderPrompt = Add(graderPrompt, record.GraderPromptTokens ?? 0);
                graderCompletion = Add(graderCompletion, record.GraderCompletionTokens ?? 0);
            }
            if (record.Error is null && record.Output is { } output)
            {
                outputChars += output.Length;
                outputs++;
            }
        }

        var pricing = target.Pricing;
        var cost = pricing?.Cost(usage.PromptTokens, usage.CompletionTokens, cached, reasoning);
        double? graderCost = null;
        if (graderRequests is > 0 && graders.Count == 1 && graders[0].Pricing is { } graderPricing
            && (pricing is null || graderPricing.Currency == pricing.Currency))
        {
            graderCost = graderPricing.Cost(graderPrompt ?? 0, graderCompletion ?? 0);
        }

        return usage with
        {
            CachedTokens = cached,
            ReasoningTokens = reasoning,
            OutputChars = outputs == 0 ? null : outputChars,
            GraderRequests = graderRequests is > 0 ? graderRequests : null,
            GraderPromptTokens = graderRequests is > 0 ? graderPrompt : null,
            GraderCompletionTokens = graderRequests is > 0 ? graderCompletion : null,
            Cost = cost is { } c ? Math.Round(c, 6) : null,
            GraderCost = graderCost is { } g ? Math.Round(g, 6) : null,
            Currency = pricing?.Currency ?? (graderCost is null ? null : graders[0].Pricing!.Currency),
        };
    }

    /// <summary>Only what a kind's own summary holds (for comparing a re-summary with a stored one).</summary>
    public static UsageSummary WithoutExtras(UsageSummary u) => u with
    {
        CachedTokens = null,
        ReasoningTokens = null,
        OutputChars = null,
        GraderRequests = null,
        GraderPromptTokens = null,
        GraderCompletionTokens = null,
        Cost = null,
        GraderCost = null,
        Currency = null,
    };

    /// <summary>
    /// The extras of shards joined into one suite: each is a sum over samples (a cost is linear in
    /// tokens), so the whole run's are the sums of its shards'.
    /// </summary>
    public static UsageSummary Merge(UsageSummary summary, IReadOnlyList<UsageSummary> parts) => summary with
    {
        CachedTokens = Sum(parts.Select(p => p.CachedTokens)),
        ReasoningTokens = Sum(parts.Select(p => p.ReasoningTokens)),
        OutputChars = Sum(parts.Select(p => p.OutputChars)),
        GraderRequests = Sum(parts.Select(p => p.GraderRequests)),
        GraderPromptTokens = Sum(parts.Select(p => p.GraderPromptTokens)),
        GraderCompletionTokens = Sum(parts.Select(p => p.GraderCompletionTokens)),
        Cost = parts.All(p => p.Cost is not null) ? Math.Round(parts.Sum(p => p.Cost!.Value), 6) : null,
        GraderCost = parts.Any(p => p.GraderCost is not null) ? Math.Round(parts.Sum(p => p.GraderCost ?? 0), 6) : null,
        Currency = parts.Select(p => p.Currency).FirstOrDefault(c => c is not null),
    };

    private static long? Sum(IEnumerable<long?> values) =>
        values.Aggregate((long?)null, (sum, v) => v is { } x ? (sum ?? 0) + x : sum);

    private static long? Add(long? sum, int? value) => value is { } v ? (sum ?? 0) + v : sum;
}
