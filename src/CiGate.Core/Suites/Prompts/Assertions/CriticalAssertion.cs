namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>
/// An assertion marked `critical`: its results say so, and a failure of it fails the gate even
/// when base failed too (see Gating.CaseGate).
/// </summary>
internal sealed class CriticalAssertion(IAssertion inner) : IAssertion
{
    public IAssertion Inner { get; } = inner;

    /// <summary>The assertion itself, for code that asks what kind it is (a graded one needs a grader).</summary>
    public static IAssertion Unwrap(IAssertion assertion) => assertion switch
    {
        CriticalAssertion critical => Unwrap(critical.Inner),
        SubjectAssertion subject => Unwrap(subject.Inner),
        _ => assertion,
    };

    public string Type => Inner.Type;

    public string? Metric => Inner.Metric;

    public double Weight => Inner.Weight;

    public async Task<AssertionResult> EvaluateAsync(AssertionContext context, CancellationToken ct) =>
        await Inner.EvaluateAsync(context, ct) with { Critical = true };
}
