using CiGate.Core.Config;
using CiGate.Core.Costs;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Costs;

/// <summary>Prices per million tokens (cached and reasoning tokens at their own) and the suite sums.</summary>
public sealed class PricingTests
{
    [Fact]
    public void Cached_prompt_and_reasoning_tokens_cost_their_own_prices()
    {
        var pricing = new Pricing(
            InputPerMTok: 2, OutputPerMTok: 8, CachedInputPerMTok: 0.5, ReasoningPerMTok: 10, "USD");

        // 1,000 prompt of which 400 cached; 500 completion of which 200 reasoning.
        var cost = pricing.Cost(1_000, 500, cached: 400, reasoning: 200);

        Assert.Equal(((600 * 2) + (400 * 0.5) + (300 * 8) + (200 * 10)) / 1e6, cost, 12);
    }

    [Fact]
    public void Without_cached_or_reasoning_prices_those_tokens_cost_the_input_and_output_price()
    {
        var pricing = new Pricing(2, 8, null, null, "EUR");

        Assert.Equal(pricing.Cost(1_000, 500), pricing.Cost(1_000, 500, cached: 400, reasoning: 200), 12);
        Assert.Equal(((1_000 * 2) + (500 * 8)) / 1e6, pricing.Cost(1_000, 500), 12);
    }

    [Fact]
    public void A_suite_sums_cached_reasoning_and_output_length_and_prices_them()
    {
        var target = Target(new Pricing(1, 4, 0.25, null, "USD"));
        var records = new[]
        {
            Record("a", "four", prompt: 100, completion: 10, cached: 60, reasoning: 4),
            Record("b", "sixsix", prompt: 50, completion: 20, cached: null, reasoning: 6),
            Record("c", null, prompt: 0, completion: 0, cached: null, reasoning: null) with { Error = "timeout" },
        };
        var usage = RecordStats.Usage(records);

        var complete = SuiteUsage.Complete(usage, records, target, []);

        Assert.Equal(60, complete.CachedTokens);
        Assert.Equal(10, complete.ReasoningTokens);
        Assert.Equal(10, complete.OutputChars); // completed samples only
        Assert.Null(complete.GraderRequests);
        Assert.Equal(Math.Round(((90 * 1) + (60 * 0.25) + (30 * 4)) / 1e6, 6), complete.Cost);
        Assert.Equal("USD", complete.Currency);
    }

    [Fact]
    public void An_unpriced_target_gets_tokens_only()
    {
        var records = new[] { Record("a", "out", prompt: 10, completion: 5, cached: null, reasoning: null) };

        var complete = SuiteUsage.Complete(RecordStats.Usage(records), records, Target(null), []);

        Assert.Null(complete.Cost);
        Assert.Null(complete.Currency);
        Assert.Null(complete.CachedTokens);
        Assert.Equal(15, complete.TokensWithGraders());
    }

    private static TargetDefinition Target(Pricing? pricing) => new(
        new TargetConfig(
            "t", new Uri("http://127.0.0.1:1/v1"), "m", null, new Dictionary<string, string>(), TargetApi.Chat, 1,
            TimeSpan.FromSeconds(1), new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero), 0, null),
        null) { Pricing = pricing };

    private static ItemRecord Record(
        string item, string? output, int prompt, int completion, int? cached, int? reasoning) => new()
    {
        Suite = "s",
        Target = "t",
        Item = item,
        PromptHash = "h",
        Output = output,
        PromptTokens = prompt,
        CompletionTokens = completion,
        CachedTokens = cached,
        ReasoningTokens = reasoning,
    };
}
