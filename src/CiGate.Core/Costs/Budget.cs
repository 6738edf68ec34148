namespace CiGate.Core.Costs;

/// <summary>
/// A cap on what a run (top-level <c>budget:</c>) or one suite may spend: tokens (prompt +
/// completion, graders included) and/or money (from the targets' <c>pricing:</c>). The runner
/// stops before a request would exceed it; the suites cut short are inconclusive.
/// </summary>
public sealed record Budget(long? Tokens, double? Cost)
{
    public string Describe(string? currency) =>
        string.Join(" and ", new[]
        {
            Tokens is { } t ? $"{t} tokens" : null,
            Cost is { } c ? $"{Money.Format(c, currency)}" : null,
        }.OfType<string>());
}
