namespace CiGate.Core.Running.Planning;

/// <summary>
/// What one suite on one target is expected to send and spend: <see cref="Requests"/> to the
/// target (samples, one request each) and <see cref="GraderRequests"/> to judges, their tokens,
/// the cost where the targets are priced, and the time at the target's concurrency where a
/// latency was recorded. <see cref="Basis"/> says where the numbers come from.
/// </summary>
public sealed record SuiteEstimate(
    string Suite,
    string Target,
    string Kind,
    long Requests,
    double GraderRequests,
    double PromptTokens,
    double CompletionTokens,
    double GraderPromptTokens,
    double GraderCompletionTokens,
    double? Cost,
    string? Currency,
    double? Seconds,
    int Concurrency,
    string Basis)
{
    public double Tokens => PromptTokens + CompletionTokens + GraderPromptTokens + GraderCompletionTokens;
}

/// <summary>The estimate of a whole run, suite by suite, and the base folder it drew on (null: heuristics).</summary>
public sealed record RunEstimate(IReadOnlyList<SuiteEstimate> Suites, string? BaseFolder)
{
    public double Tokens => Suites.Sum(s => s.Tokens);

    public double PromptTokens => Suites.Sum(s => s.PromptTokens + s.GraderPromptTokens);

    public double CompletionTokens => Suites.Sum(s => s.CompletionTokens + s.GraderCompletionTokens);

    public double Requests => Suites.Sum(s => s.Requests + s.GraderRequests);

    /// <summary>The sum of the suites' costs; null when a suite has none or currencies differ.</summary>
    public double? Cost =>
        Suites.Count > 0
            && Suites.All(s => s.Cost is not null)
            && Suites.Select(s => s.Currency).Distinct().Count() == 1
                ? Suites.Sum(s => s.Cost!.Value)
                : null;

    public string? Currency => Suites.Select(s => s.Currency).Distinct().Count() == 1 ? Suites[0].Currency : null;

    /// <summary>
    /// Expected wall time: each target's samples run at its concurrency, the targets side by side
    /// (the runner's loop); null when no suite has a recorded latency.
    /// </summary>
    public double? Seconds =>
        Suites.Any(s => s.Seconds is not null)
            ? Suites.GroupBy(s => s.Target).Max(g => g.Sum(s => s.Seconds ?? 0))
            : null;
}
