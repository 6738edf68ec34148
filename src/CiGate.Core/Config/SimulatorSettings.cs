namespace CiGate.Core.Config;

/// <summary>The simulated model a target asks for (see `cigate sim`).</summary>
public sealed record SimulatorSettings(
    double Accuracy,
    int Seed,
    double Flip,
    double InvalidRate,
    TimeSpan TimeToFirstToken,
    TimeSpan InterTokenLatency,
    double FaultRate,
    IReadOnlyList<string> FaultKinds,
    int FaultSeed,
    IReadOnlyList<string>? Scripts = null)
{
    /// <summary>Answer every chat request as a judge; unset means "when the target's role is grader".</summary>
    public bool? Judge { get; init; }

    /// <summary>Refusal rates for prompts of the safety suites that run on this target; null uses the simulator's defaults.</summary>
    public SimulatorRefusal? Refusal { get; init; }

    /// <summary>Server-under-load behaviour for perf suites (slowdown, decode capacity, usage, errors mid-stream); null: none.</summary>
    public SimulatorPerformance? Performance { get; init; }

    /// <summary>`served_model:` the model the simulator says answered, whatever was asked for (a silent swap).</summary>
    public string? ServedModel { get; init; }

    /// <summary>`request_log:` a file (relative to the config) that gets a line per completion request.</summary>
    public string? RequestLog { get; init; }

    /// <summary>`system_fingerprint:` the fingerprint of every completion (null: the simulator's own).</summary>
    public string? SystemFingerprint { get; init; }
}
