namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>
/// What one deterministic check found, before negation. <see cref="Expectation"/> completes
/// "expected output to ..." so a negated check can say "expected output not to ...".
/// </summary>
internal readonly record struct Check(bool Holds, double Score, string Expectation, string? Detail = null)
{
    public bool NotEvaluated { get; init; }

    public bool Error { get; init; }

    public static Check Binary(bool holds, string expectation, string? detail = null) =>
        new(holds, holds ? 1 : 0, expectation, detail);

    public static Check Skipped(string reason) => new(true, 1, "", reason) { NotEvaluated = true };

    public static Check Failed(string reason) => new(false, 0, "", reason) { Error = true };

    /// <summary>The assertion's outcome: negation applied, reason worded, an error never a pass.</summary>
    public AssertionResult ToResult(string type, string? metric, double weight, bool negated)
    {
        if (Error)
        {
            return new AssertionResult(type, metric, Pass: false, Score: 0, weight, Detail ?? "could not be evaluated", Error: true);
        }

        if (NotEvaluated)
        {
            return new AssertionResult(type, metric, Pass: true, Score: 1, weight, Detail ?? "not evaluated");
        }

        var pass = Holds != negated;
        var score = negated ? 1 - Score : Score;
        var expectation = $"expected output {(negated ? "not " : "")}to {Expectation}";
        var reason = pass
            ? $"passed: {expectation}"
            : Detail is null ? expectation : $"{expectation}; {Detail}";
        return new AssertionResult(type, metric, pass, Math.Clamp(score, 0, 1), weight, reason);
    }
}
