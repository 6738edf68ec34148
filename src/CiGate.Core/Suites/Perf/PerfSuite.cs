using System.Globalization;
using System.Text.Json.Nodes;
using CiGate.Core.Config;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// A performance sweep: a workload driven at one or more load points against each target. SLOs
/// and the regression rule are gate settings, so they stay out of <see cref="Describe"/> (and the
/// definition hash): tightening an SLO never unpairs two runs.
/// </summary>
public sealed record PerfSuite(
    string Name,
    IReadOnlyList<string> Targets,
    WorkloadSpec Workload,
    ProfileSpec Profile,
    IReadOnlyList<SloLimit> Slos,
    RegressionSpec Regression,
    int Repeats)
    : SuiteDefinition(Name, KindName, Targets)
{
    public const string KindName = "perf";

    /// <summary>A server to start before the sweep and stop after it; outside <see cref="Describe"/>, like the SLOs.</summary>
    public Server.ServerSpec? Server { get; init; }

    /// <summary>GPU and Prometheus sampling while load runs; outside <see cref="Describe"/> (it observes, it does not change the load).</summary>
    public Telemetry.SamplingSpec Sampling { get; init; } = Telemetry.SamplingSpec.Default;

    /// <summary>Where chunk arrival times come from; outside <see cref="Describe"/> (each request records which it got).</summary>
    public ReceiveClock ReceiveClock { get; init; } = ReceiveClock.Kernel;

    /// <summary>How far the client's own timing is trusted; outside <see cref="Describe"/>, like the SLOs.</summary>
    public MeasurementSpec Measurement { get; init; } = MeasurementSpec.Default;

    public override JsonObject Describe() => new()
    {
        ["kind"] = Kind,
        ["workload"] = new JsonObject
        {
            ["prompt_tokens"] = Workload.PromptTokens.Describe(),
            ["output_tokens"] = Workload.OutputTokens.Describe(),
            ["prefix_tokens"] = Workload.PrefixTokens,
            ["tokenizer"] = Workload.Tokenizer,
            // File name only: the absolute path differs per checkout.
            ["dataset"] = Workload.DatasetPath is null ? null : new JsonObject { ["path"] = Path.GetFileName(Workload.DatasetPath), ["field"] = Workload.DatasetField },
            ["ignore_eos"] = Workload.IgnoreEos,
            ["continuous_usage"] = Workload.ContinuousUsage,
            ["api"] = Workload.Api?.ToString().ToLowerInvariant(),
            ["seed"] = Workload.Seed,
        },
        ["profile"] = new JsonObject
        {
            ["kind"] = ProfileName(Profile.Kind),
            ["rates"] = new JsonArray([.. Profile.Rates.Select(r => JsonValue.Create(r))]),
            ["concurrency"] = new JsonArray([.. Profile.Concurrencies.Select(c => JsonValue.Create(c))]),
            ["sweep_points"] = Profile.SweepPoints,
            ["max_duration_s"] = Profile.MaxDuration.TotalSeconds,
            ["max_requests"] = Profile.MaxRequests,
            ["warmup"] = Profile.Warmup.ToString(),
            ["cooldown"] = Profile.Cooldown.ToString(),
            ["timeout_s"] = Profile.RequestTimeout?.TotalSeconds,
            ["max_lag_p99_ms"] = Profile.MaxLagP99Ms,
            ["search"] = Profile.Kind == ProfileKind.SloSearch
                ? string.Create(CultureInfo.InvariantCulture, $"{(Profile.Search.ByConcurrency ? "concurrency" : "rate")} {Profile.Search.Start}..{Profile.Search.Max}, {Profile.Search.Steps} steps")
                : null,
        },

        // Repeats stay out: a base run twice (A/A calibration) must still pair with a head run once.
    };

    public static string ProfileName(ProfileKind kind) => kind == ProfileKind.SloSearch ? "slo-search" : kind.ToString().ToLowerInvariant();
}
