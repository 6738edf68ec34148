namespace CiGate.Core.Suites.Perf;

/// <summary>
/// One load point (one rate or concurrency, one repeat), over its measured requests (warm-up and
/// cool-down left out). Three "ITL"s side by side: <see cref="ItlPooled"/> pools every
/// inter-chunk gap of every request (vLLM), <see cref="ItlPerRequest"/> takes each request's mean
/// gap (GuideLLM), <see cref="Tpot"/> is (e2e − TTFT)/(tokens − 1) per request.
/// <see cref="ReceiveClock"/> says what chunk times were read from ("kernel", "process" or
/// "mixed"); <see cref="ReadLag"/> is, with the kernel clock, each request's longest wait between
/// a chunk's arrival and the client reading it: how busy the client was, kept out of the latencies.
/// <see cref="Flagged"/> succeeded requests (<see cref="FlaggedShare"/> of them) had a first token the
/// client could not time (<see cref="MeasurementFlags"/>): they count in throughput and
/// <see cref="Completed"/> but stay out of every latency distribution and SLO check.
/// </summary>
public sealed record LoadPointSummary(
    string Label,
    string Profile,
    int Repeat,
    double? TargetRate,
    int? Concurrency,
    int Requests,
    int Measured,
    int Completed,
    int Errors,
    int Incomplete,
    int UsageMissing,
    int LengthMismatches,
    double DurationSeconds,
    double RequestsPerSecond,
    double OutputTokensPerSecond,
    double TotalTokensPerSecond,
    double? GoodputPerSecond,
    Distribution Ttft,
    Distribution TtftFromSchedule,
    Distribution ItlPooled,
    Distribution ItlPerRequest,
    Distribution Tpot,
    Distribution E2e,
    Distribution E2eFromSchedule,
    Distribution Lag,
    double PromptTokensMean,
    double OutputTokensMean,
    bool Valid,
    string? InvalidReason,
    IReadOnlyList<SloCheck> Slos,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, Telemetry.SeriesStats>? Samples = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ReceiveClock = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] Distribution? ReadLag = null,
    [property: System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? Flagged = null,
    [property: System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? FlaggedShare = null)
{
    public bool SlosMet => Slos.All(s => s.Met);

    public Distribution Metric(string name) => name switch
    {
        "ttft" => Ttft,
        "itl" => ItlPooled,
        "itl_mean" => ItlPerRequest,
        "tpot" => Tpot,
        "e2e" => E2e,
        _ => Distribution.Empty,
    };
}
