using System.Globalization;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>Builders for assertions on how the call went (latency, cost) and on refusals (with the safety suites' offline detector).</summary>
internal static class CallAssertions
{
    public static IAssertion? Refusal(AssertionSpec spec)
    {
        if (spec.Value is not null)
        {
            spec.Report(DiagnosticCodes.InvalidValue, spec.Value, $"'{spec.Type}' takes no 'value'");
            return null;
        }

        // The safety suites' detector: a partial refusal (declines, then helps a little) counts, as in XSTest.
        return spec.Build(c =>
        {
            // A target that says so itself (OpenAI's message.refusal) refused, whatever its content.
            if (c.Refusal is not null)
            {
                return Check.Binary(true, "be a refusal", $"the target's refusal: {Text.Quote(c.Refusal, 40)}");
            }

            var verdict = Safety.Refusal.RefusalDetector.Classify(c.Output);
            return Check.Binary(Safety.Refusal.RefusalClasses.IsRefusal(verdict.Class), "be a refusal", $"{verdict.Name} ({verdict.Reason}): {Text.Quote(c.Output, 40)}");
        });
    }

    /// <summary>threshold: maximum milliseconds. A cached response has no latency of its own, so it is not evaluated (and passes).</summary>
    public static IAssertion? Latency(AssertionSpec spec)
    {
        if (spec.Value is not null)
        {
            spec.Report(DiagnosticCodes.InvalidValue, spec.Value, $"'latency' takes no 'value'; set 'threshold' to the maximum milliseconds");
            return null;
        }

        if (spec.RequireThreshold("the maximum milliseconds") is not { } limit || !NonNegative(spec, limit))
        {
            return null;
        }

        return spec.Build(c => c.Cached
            ? Check.Skipped("not evaluated: cached response")
            : Check.Binary(c.LatencyMs <= limit, $"take at most {Number(limit)} ms", $"took {Number(Math.Round(c.LatencyMs))} ms"));
    }

    /// <summary>threshold: maximum USD for the call; prices from value or the default table by model.</summary>
    public static IAssertion? Cost(AssertionSpec spec)
    {
        var threshold = spec.RequireThreshold("the maximum cost in USD");
        var prices = spec.Value is { } node ? PriceTable.Read(spec, node) : null;
        if (threshold is not { } limit || !NonNegative(spec, limit) || (spec.Value is not null && prices is null))
        {
            return null;
        }

        return spec.Build(c =>
        {
            if (c.Usage is not { } usage)
            {
                return Check.Failed("cost: the response reported no token usage");
            }

            if ((prices ?? PriceTable.ForModel(c.Model)) is not { } price)
            {
                return Check.Failed($"cost: no default price for model '{c.Model}'; set value: {{ prompt_per_1k: ..., completion_per_1k: ... }}");
            }

            var cost = price.Cost(usage.PromptTokens, usage.CompletionTokens);
            return Check.Binary(cost <= limit, $"cost at most {PriceTable.Usd(limit)}", $"cost {PriceTable.Usd(cost)}");
        });
    }

    private static bool NonNegative(AssertionSpec spec, double threshold)
    {
        if (threshold >= 0)
        {
            return true;
        }

        spec.Report(DiagnosticCodes.InvalidValue, spec.Node, $"'{spec.Section}.threshold' cannot be negative for '{spec.Type}'");
        return false;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
