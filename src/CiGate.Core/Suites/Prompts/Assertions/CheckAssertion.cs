using CiGate.Core.Templating;

namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>A deterministic assertion: a synchronous check plus the shared weight, metric and negation handling.</summary>
internal sealed class CheckAssertion(string type, string? metric, double weight, bool negated, Func<AssertionContext, Check> check) : IAssertion
{
    public string Type { get; } = type;

    public string? Metric { get; } = metric;

    public double Weight { get; } = weight;

    public Task<AssertionResult> EvaluateAsync(AssertionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ct.ThrowIfCancellationRequested();
        Check result;
        try
        {
            result = check(context);
        }
        catch (TemplateRenderException ex)
        {
            // A value that references a var the test case lacks is a suite bug: report it, never pass.
            result = Check.Failed(ex.Message);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            result = Check.Failed("the regular expression timed out on this output");
        }

        return Task.FromResult(result.ToResult(Type, Metric, Weight, negated));
    }
}
