namespace CiGate.Core.Config;

/// <summary>
/// A suite's gate, from its `gate:` section. Drops are in points of the metric × 100 (1.0 = one
/// accuracy point). A regression fails only when it is at least <see cref="MaxDrop"/> AND
/// significant at <see cref="Alpha"/> after Holm correction; floors apply to the head value.
/// More than <see cref="MaxErrorRate"/> errored/missing or <see cref="MaxInvalidRate"/> invalid
/// samples on either side makes the verdict inconclusive, never pass. <see cref="MaxNewlyFailing"/>
/// (opt-in, for prompt suites with a handful of cases where no test is significant) fails the
/// suite when more items regressed than that, whatever the statistics say.
/// <see cref="Mode"/> picks how a suite is judged (null: its kind's default, see
/// <see cref="GateModes"/>); in <see cref="GateMode.Cases"/> mode <see cref="MaxNewlyFailing"/> is
/// the number of newly failing cases allowed (default 0).
/// </summary>
public sealed record GateSettings(
    string? Metric = null,
    double MaxDrop = 1.0,
    double WarnDrop = 0.5,
    double Alpha = 0.05,
    double? Min = null,
    double? WarnMin = null,
    double MaxErrorRate = 0.02,
    double MaxInvalidRate = 0.10,
    int? MaxNewlyFailing = null,
    GateMode? Mode = null)
{
    public static GateSettings Default { get; } = new();

    /// <summary>`floors: { metric: min }`: fail when any of these metrics' head value is below its floor (a safety suite's several rates, a classifier's agreement).</summary>
    public IReadOnlyDictionary<string, double>? Floors { get; init; }

    /// <summary>`on_definition_change: warn | fail | accept`: what a changed definition, prompt template or dataset does to the verdict.</summary>
    public DefinitionChangePolicy OnDefinitionChange { get; init; } = DefinitionChangePolicy.Warn;

    /// <summary>`also: [metric, ...]`: more metrics tested for a paired regression with the same margins, Bonferroni-corrected within the suite (a safety suite regressing on compliance or on refusal).</summary>
    public IReadOnlyList<string>? Also { get; init; }

    /// <summary>
    /// `model_change: expected`: this change may alter what answers (the served model, fingerprint,
    /// server version or grader) and the comparison stands; by default such a change is a silent
    /// swap and the suite is inconclusive.
    /// </summary>
    public ModelChangePolicy ModelChange { get; init; } = ModelChangePolicy.Unexpected;

    /// <summary>`critical: true`: any case failing on head fails the suite (test-case suites; see <see cref="CaseGate"/>).</summary>
    public bool Critical { get; init; }
}
