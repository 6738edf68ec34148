using CiGate.Core.Config;
using CiGate.Core.Running;

namespace CiGate.Core.Suites;

/// <summary>
/// A suite kind (accuracy, prompts, perf, safety...): everything the pipeline asks of a kind, so
/// no stage branches on kind names. A kind lives in its own folder under Suites/ and is listed
/// once, in <see cref="SuiteKinds"/>. Members with a body are the shared behaviour a kind
/// overrides only when it differs.
/// </summary>
internal interface ISuiteKind
{
    /// <summary>The <c>kind:</c> value in cigate.yml and results.json.</summary>
    string Name { get; }

    /// <summary>
    /// Items are curated test cases with assertions (gated by <c>mode: cases</c> by default, failing
    /// cases listed) and the prompt is under test, so base and head pair on the item id alone.
    /// </summary>
    bool HasTestCases => false;

    /// <summary>Reads and validates the kind's keys of one suite (the shared header is read); null when it reported errors.</summary>
    SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory);

    /// <summary>One plan per target of <paramref name="suite"/> (a definition this kind's <see cref="Read"/> returned).</summary>
    IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context);

    /// <summary>
    /// For <c>merge</c>: a plan rebuilt from a stored suite result that can summarise records exactly
    /// as the run did (see <c>Sharding.SummaryPlans</c>); null when this kind cannot be merged.
    /// </summary>
    ISuitePlan? RebuildForMerge(Results.SuiteResult stored, TargetDefinition target, int totalItems) => null;
}
