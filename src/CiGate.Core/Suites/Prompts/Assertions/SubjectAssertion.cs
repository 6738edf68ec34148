namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>
/// An assertion that reads another part of the response (`on: reasoning | tool_calls | refusal`) in place of the
/// answer.
/// </summary>
internal sealed class SubjectAssertion(IAssertion inner, ResponseSubject subject) : IAssertion
{
    public IAssertion Inner => inner;

    public string Type => inner.Type;

    public string? Metric => inner.Metric;

    public double Weight => inner.Weight;

    public Task<AssertionResult> EvaluateAsync(AssertionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return inner.EvaluateAsync(context with { Output = ResponseSubjects.Text(context, subject) }, ct);
    }
}
