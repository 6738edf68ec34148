namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>
/// Combines a test case's assertion results as promptfoo 0.121 does (src/assertions/index.ts
/// runAssertion and src/assertions/assertionsResult.ts AssertionsResult.testResult).
/// </summary>
public static class AssertionSummary
{
    /// <summary>
    /// Score: the weighted mean sum(weight × score) / sum(weight) (1 with no assertions, 0 when
    /// every weight is 0). An assertion with weight 0 only reports its score: promptfoo forces it to
    /// pass, so it never fails the case. Without <paramref name="threshold"/>, the case passes when
    /// every assertion with a weight above 0 passes; with one (0 included: promptfoo honours a
    /// numeric 0 since PR #9736, June 2026, so 0.121.20 does), when the score reaches it, whatever the single assertions did.
    /// An error (an assertion that could not be evaluated) always fails the case: promptfoo fails a
    /// test whose assertion throws, and CiGate never lets an unevaluated check pass.
    /// <c>FirstFailure</c> is the first error, else the first failed assertion with weight above 0;
    /// it is set even when a threshold lets the case pass, so a report can still show what went wrong.
    /// </summary>
    public static (bool Pass, double Score, AssertionResult? FirstFailure) Combine(IReadOnlyList<AssertionResult> results, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return (true, 1, null);
        }

        var totalWeight = results.Sum(r => r.Weight);
        var score = totalWeight > 0 ? results.Sum(r => r.Score * r.Weight) / totalWeight : 0;
        var failures = results.Where(r => !r.Pass && r.Weight > 0).ToList();
        var firstFailure = results.FirstOrDefault(r => r.Error) ?? failures.FirstOrDefault();
        var anyError = results.Any(r => r.Error);
        var pass = !anyError && (threshold is { } t ? score >= t : failures.Count == 0);
        return (pass, score, firstFailure);
    }
}
