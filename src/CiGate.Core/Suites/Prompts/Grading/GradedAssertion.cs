using CiGate.Core.Suites.Prompts.Assertions;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Prompts.Grading;

/// <summary>
/// A model-graded assertion: an async check that calls a grader, plus the shared weight, metric
/// and negation handling. A grader that fails for good fails the sample (it is retried on
/// --resume), since an unevaluated assertion must never count as a pass or a fail.
/// </summary>
internal sealed class GradedAssertion(string type, string? metric, double weight, bool negated, string? grader, Func<AssertionContext, Grader, CancellationToken, Task<Check>> check)
    : IAssertion
{
    public string Type { get; } = type;

    public string? Metric { get; } = metric;

    public double Weight { get; } = weight;

    /// <summary>The assertion's own grader; null means the suite's.</summary>
    public string? Grader { get; } = grader;

    /// <exception cref="TargetException">The grader failed for good.</exception>
    public async Task<AssertionResult> EvaluateAsync(AssertionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var graders = context.Graders ?? throw new InvalidOperationException($"'{Type}' needs the suite's graders");
        Check result;
        try
        {
            result = await check(context, graders.For(Grader), ct);
        }
        catch (Templating.TemplateRenderException ex)
        {
            result = Check.Failed(ex.Message);
        }

        return result.ToResult(Type, Metric, Weight, negated);
    }
}
