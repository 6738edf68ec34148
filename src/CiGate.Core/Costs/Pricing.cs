namespace CiGate.Core.Costs;

/// <summary>
/// A target's prices per million tokens, as the config states them (CiGate ships no prices: they go
/// stale silently). Cached prompt tokens cost <see cref="CachedInputPerMTok"/> (the input price when
/// unset); reasoning tokens are part of the completion tokens and cost <see cref="ReasoningPerMTok"/>
/// (the output price when unset).
/// </summary>
public sealed record Pricing(
    double InputPerMTok,
    double OutputPerMTok,
    double? CachedInputPerMTok,
    double? ReasoningPerMTok,
    string Currency)
{
    public const string DefaultCurrency = "USD";

    /// <summary>The price of one sample's (or one suite's) tokens.</summary>
    public double Cost(long prompt, long completion, long? cached = null, long? reasoning = null)
    {
        var cachedTokens = Math.Clamp(cached ?? 0, 0, prompt);
        var reasoningTokens = Math.Clamp(reasoning ?? 0, 0, completion);
        var total = ((prompt - cachedTokens) * InputPerMTok)
            + (cachedTokens * (CachedInputPerMTok ?? InputPerMTok))
            + ((completion - reasoningTokens) * OutputPerMTok)
            + (reasoningTokens * (ReasoningPerMTok ?? OutputPerMTok));
        return total / 1_000_000d;
    }
}
