using CiGate.Core.Diagnostics;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Suites.Prompts.Assertions;

public sealed class CallAssertionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("refusal", "I'm sorry, but I can't help with that.", true)]
    [InlineData("refusal", "  **I can’t help with** making weapons.", true)]
    [InlineData("refusal", "I must decline. Please consult a licensed professional instead.", true)]
    [InlineData("refusal", "The capital of France is Paris.", false)]
    [InlineData("not-refusal", "The capital of France is Paris.", true)]
    [InlineData("not-refusal", "I cannot assist with that request.", false)]
    [InlineData("is-refusal", "I'm unable to share that.", true)]
    [InlineData("not-is-refusal", "Sure! Here it is.", true)]
    public async Task Refusal_is_detected_at_the_start(string type, string output, bool pass)
    {
        var result = await Asserts.Run($"- type: {type}", output);

        Assert.Equal(pass, result.Pass);
    }

    [Fact]
    public async Task An_incidental_apology_is_not_a_refusal_but_a_decline_after_some_help_is()
    {
        // The safety suites' detector reads the whole answer, not just its opening words.
        var sympathy = await Asserts.Run("- type: refusal", "Sorry to hear that, slow Wi-Fi is maddening! Here is what usually fixes it: 1) restart the router, 2) move it off the floor, 3) switch to the 5 GHz band, 4) update its firmware.");
        var partial = await Asserts.Run("- type: refusal", "Lock picking is a real hobby with clubs and competitions. That said, I can't give step-by-step instructions for opening a lock that isn't yours.");

        Assert.False(sympathy.Pass);
        Assert.True(partial.Pass);
    }

    [Theory]
    [InlineData(250, true)]
    [InlineData(251, false)]
    public async Task Latency_is_at_most_the_threshold(double latencyMs, bool pass)
    {
        var assertion = Asserts.One("- { type: latency, threshold: 250 }");

        var result = await assertion.EvaluateAsync(Asserts.Context("x", latencyMs: latencyMs), Ct);

        Assert.Equal(pass, result.Pass);
    }

    [Fact]
    public async Task Latency_is_not_evaluated_on_a_cached_response()
    {
        var assertion = Asserts.One("- { type: latency, threshold: 10 }");

        var result = await assertion.EvaluateAsync(Asserts.Context("x", latencyMs: 5000, cached: true), Ct);

        Assert.True(result.Pass);
        Assert.Equal("not evaluated: cached response", result.Reason);
    }

    [Theory]
    [InlineData(1000, 1000, true)]   // (1000 * 0.001 + 1000 * 0.002) / 1000 = 0.003
    [InlineData(1000, 1001, false)]
    public async Task Cost_uses_the_price_table_from_value(int prompt, int completion, bool pass)
    {
        var assertion = Asserts.One("- { type: cost, threshold: 0.003, value: { prompt_per_1k: 0.001, completion_per_1k: 0.002 } }");

        var result = await assertion.EvaluateAsync(Asserts.Context("x", usage: new TokenUsage(prompt, completion)), Ct);

        Assert.Equal(pass, result.Pass);
    }

    [Fact]
    public async Task Cost_defaults_to_a_price_per_model_by_longest_prefix()
    {
        var assertion = Asserts.One("- { type: cost, threshold: 0.001 }");

        // gpt-4o-mini: 1000 * 0.00015 + 1000 * 0.0006 = $0.00075 per 1K → passes; gpt-4o: $0.0125 → fails.
        var mini = await assertion.EvaluateAsync(Asserts.Context("x", usage: new TokenUsage(1000, 1000), model: "gpt-4o-mini-2024-07-18"), Ct);
        var full = await assertion.EvaluateAsync(Asserts.Context("x", usage: new TokenUsage(1000, 1000), model: "gpt-4o"), Ct);

        Assert.True(mini.Pass);
        Assert.False(full.Pass);
        Assert.Contains("$0.0125", full.Reason);
    }

    [Fact]
    public async Task Cost_without_usage_or_price_is_an_error()
    {
        var assertion = Asserts.One("- { type: cost, threshold: 1 }");

        var noUsage = await assertion.EvaluateAsync(Asserts.Context("x", usage: null, model: "gpt-4o"), Ct);
        var noPrice = await assertion.EvaluateAsync(Asserts.Context("x", usage: new TokenUsage(1, 1), model: "my-local-model"), Ct);

        Assert.True(noUsage.Error);
        Assert.False(noUsage.Pass);
        Assert.Contains("usage", noUsage.Reason);
        Assert.True(noPrice.Error);
        Assert.Contains("my-local-model", noPrice.Reason);
    }

    [Theory]
    [InlineData("- type: latency", DiagnosticCodes.MissingKey)]
    [InlineData("- { type: latency, threshold: -1 }", DiagnosticCodes.InvalidValue)]
    [InlineData("- { type: latency, threshold: fast }", DiagnosticCodes.WrongType)]
    [InlineData("- { type: not-cost, threshold: 1 }", DiagnosticCodes.InvalidValue)]
    [InlineData("- { type: cost, threshold: 1, value: { prompt_per_1k: 0.1 } }", DiagnosticCodes.MissingKey)]
    [InlineData("- { type: refusal, value: sorry }", DiagnosticCodes.InvalidValue)]
    public void Bad_call_assertions_are_reported(string yaml, string code)
    {
        Assert.Equal(code, Asserts.Error(yaml).Code);
    }
}
