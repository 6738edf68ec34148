namespace CiGate.Core.Targets.Exec;

/// <summary>
/// One protocol object an exec app wrote: a hello (<see cref="App"/>, <see cref="Version"/>,
/// <see cref="Protocol"/>), a response (<see cref="Output"/> and the optional fields) or an error
/// (<see cref="Message"/>, <see cref="Retryable"/>). <see cref="Problem"/> says why a response
/// object is unusable (no output), so the attempt fails as a bad response instead of passing.
/// </summary>
internal sealed record ExecReply(ExecReplyKind Kind, string? Id)
{
    public static readonly ExecReply NotProtocol = new(ExecReplyKind.Other, null);

    public string? Protocol { get; init; }

    public string? App { get; init; }

    public string? Version { get; init; }

    public string? Output { get; init; }

    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    public string? Reasoning { get; init; }

    public string? Refusal { get; init; }

    public string? FinishReason { get; init; }

    public TokenUsage? Usage { get; init; }

    public string? Model { get; init; }

    /// <summary>Any JSON the app returned about how it answered, as compact JSON text (capped when kept).</summary>
    public string? Trace { get; init; }

    public string? Message { get; init; }

    public bool Retryable { get; init; }

    public string? Problem { get; init; }
}
