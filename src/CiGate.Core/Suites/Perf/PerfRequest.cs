namespace CiGate.Core.Suites.Perf;

/// <summary>
/// One line of requests.jsonl (schema <see cref="SchemaVersion"/>): one streamed request of one
/// load point. Times are milliseconds; <see cref="ScheduledMs"/> and <see cref="EndMs"/> are offsets
/// from the load point's start. "from_schedule" latencies start at the scheduled send, so a client
/// that fell behind its schedule cannot hide the wait (coordinated omission).
/// </summary>
public sealed record PerfRequest
{
    public const int SchemaVersion = 1;
    public const string FileName = "requests.jsonl";

    public int Schema { get; init; } = SchemaVersion;

    public required string Suite { get; init; }

    public required string Target { get; init; }

    public required string LoadPoint { get; init; }

    public int Repeat { get; init; }

    public int Index { get; init; }

    /// <summary>The X-Request-ID header the request was sent with, as the server saw it (join its logs on it).</summary>
    public string? RequestId { get; init; }

    /// <summary>warmup, measure or cooldown; only "measure" enters the statistics.</summary>
    public required string Phase { get; init; }

    public double ScheduledMs { get; init; }

    /// <summary>How late the client sent it: actual send minus scheduled send (0 for closed-loop profiles).</summary>
    public double LagMs { get; init; }

    public double EndMs { get; init; }

    public int Status { get; init; }

    public string? Error { get; init; }

    public string? ErrorKind { get; init; }

    /// <summary>Cut short by the end of the run (cancelled), not failed by the server.</summary>
    public bool Incomplete { get; init; }

    public double? TtftMs { get; init; }

    public double? TtftFromScheduleMs { get; init; }

    public double? E2eMs { get; init; }

    public double? E2eFromScheduleMs { get; init; }

    /// <summary>(e2e − TTFT) / (output tokens − 1).</summary>
    public double? TpotMs { get; init; }

    /// <summary>The mean of this request's inter-chunk gaps (GuideLLM's "ITL").</summary>
    public double? ItlMeanMs { get; init; }

    public int PromptTokens { get; init; }

    public int OutputTokens { get; init; }

    public int RequestedOutputTokens { get; init; }

    /// <summary>False when the server sent no usage: the token counts were counted from the stream (chunks).</summary>
    public bool UsageReported { get; init; }

    public int Chunks { get; init; }

    /// <summary>Every inter-chunk gap (vLLM pools these over requests as "ITL").</summary>
    public IReadOnlyList<double> GapsMs { get; init; } = [];

    /// <summary>Tokens each chunk carried (from continuous usage stats); empty when every chunk carried one.</summary>
    public IReadOnlyList<int> TokensPerChunk { get; init; } = [];

    public string? FinishReason { get; init; }

    /// <summary>"kernel" when chunk times are the kernel's receive stamps, "process" when they are when the client read them.</summary>
    public string ReceiveClock { get; init; } = "process";

    /// <summary>Kernel clock only: the longest a chunk of this request waited in the socket before the client read it.</summary>
    public double? ReadLagMs { get; init; }

    /// <summary>Kernel clock only, without a transmit stamp: from the first write call to the last one's return.</summary>
    public double? SendWindowMs { get; init; }

    /// <summary>Kernel clock only: how long the read that carried the first token waited in the socket.</summary>
    public double? FirstReadLagMs { get; init; }

    /// <summary>
    /// Set when the client could not time the first token ("merged": it came in one read with later ones;
    /// "read_lag": the client read it late; "send": the request's write was held up, so its send time is
    /// uncertain); such a request stays out of every latency percentile.
    /// </summary>
    public string? Flag { get; init; }

    /// <summary>Why <see cref="Flag"/> is set, in words.</summary>
    public string? FlagReason { get; init; }

    /// <summary>The first token's time cannot be trusted (<see cref="Flag"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Flagged => Flag is not null;

    public bool Succeeded => Error is null && !Incomplete;
}
