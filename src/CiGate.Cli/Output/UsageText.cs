using System.Globalization;
using CiGate.Core.Costs;
using CiGate.Core.Results;

namespace CiGate.Cli.Output;

/// <summary>The console's line about a suite's usage beyond prompt and completion tokens.</summary>
internal static class UsageText
{
    /// <summary>Cached and reasoning tokens, graders' usage and cost; null when the suite has none of them.</summary>
    public static string? Extra(UsageSummary u)
    {
        var parts = new List<string>();
        if (u.CachedTokens is { } cached)
        {
            parts.Add(Invariant($"{cached} cached"));
        }

        if (u.ReasoningTokens is { } reasoning)
        {
            parts.Add(Invariant($"{reasoning} reasoning"));
        }

        if (u.GraderRequests is { } requests)
        {
            var (prompt, completion) = (u.GraderPromptTokens, u.GraderCompletionTokens);
            parts.Add(Invariant($"graders {requests} request(s), {prompt} prompt + {completion} completion tokens"));
        }

        if (u.Cost is { } cost)
        {
            var total = cost + (u.GraderCost ?? 0);
            var graders = u.GraderCost is { } g ? $" ({Money.Format(g, null)} graders)" : "";
            parts.Add($"cost {Money.Format(total, u.Currency)}{graders}");
        }
        else if (u.GraderCost is { } graderCost)
        {
            parts.Add($"graders cost {Money.Format(graderCost, u.Currency)}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
