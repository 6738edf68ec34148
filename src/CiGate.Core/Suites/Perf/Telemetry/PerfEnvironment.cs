namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>
/// Where a sweep ran (results.json: <c>perf.environment</c>; also a line of environment.jsonl): the
/// GPUs, the server's kind and version, the models it served, the tool, the runner and the OS.
/// Missing pieces stay null or empty and say why in <see cref="Notes"/>.
/// </summary>
public sealed record PerfEnvironment
{
    public const int SchemaVersion = 1;
    public const string FileName = "environment.jsonl";

    public int Schema { get; init; } = SchemaVersion;

    public string Suite { get; init; } = "";

    public string Target { get; init; } = "";

    public DateTimeOffset CapturedAt { get; init; }

    public IReadOnlyList<GpuInfo> Gpus { get; init; } = [];

    /// <summary>vllm, sglang, tgi, cigate-sim, or null when no probe answered.</summary>
    public string? ServerKind { get; init; }

    public string? ServerVersion { get; init; }

    public IReadOnlyList<string> ServedModels { get; init; } = [];

    /// <summary>True when cigate started the server itself (a <c>server:</c> block).</summary>
    public bool ServerStarted { get; init; }

    public string CigateVersion { get; init; } = "";

    public string Runner { get; init; } = "";

    public string Os { get; init; } = "";

    public int CpuCount { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}
