using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Comparing;

/// <summary>
/// <see cref="AcceptChanges"/>: accept every definition, prompt or dataset change (as
/// `on_definition_change: accept` on every suite) instead of each suite's own policy. <see cref="Gates"/> names each suite's gated
/// metric; without one, a suite's first metric is its primary metric. <see cref="Definitions"/>:
/// the suites as `compare --config` defines them now, for kinds whose gate reads more than
/// `gate:` (perf: its SLOs and regression rule replace those the head run recorded).
/// <see cref="ConfigPath"/>: the config whose lines changed keys are placed on (default: the one
/// the head run recorded).
/// </summary>
public sealed record CompareOptions(
    bool AcceptChanges = false,
    double Confidence = 0.95,
    int BootstrapIterations = 10_000,
    int Seed = 20240601,
    IReadOnlyDictionary<string, GateSettings>? Gates = null,
    int MaxOutputCharacters = 2_000,
    IReadOnlyDictionary<string, Config.SuiteDefinition>? Definitions = null,
    string? ConfigPath = null);
