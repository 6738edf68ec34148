using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Reporting;
using CiGate.Core.Results;
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

    /// <summary>
    /// The suite runs whole, never sliced by item: its plans drive their own load, and a slice of a
    /// load measures something else. A sharded run runs it in the shard its name hashes to, and
    /// merge takes it as that shard recorded it, with its <see cref="SideFiles"/>.
    /// </summary>
    bool RunsWhole => false;

    /// <summary>
    /// Files the kind writes beside items.jsonl (JSON lines keyed by suite and target); merge joins them.
    /// </summary>
    IReadOnlyList<string> SideFiles => [];

    /// <summary>
    /// Reads and validates the kind's keys of one suite (the shared header is read); null when it reported errors.
    /// </summary>
    SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory);

    /// <summary>
    /// One plan per target of <paramref name="suite"/> (a definition this kind's <see cref="Read"/> returned).
    /// </summary>
    IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context);

    /// <summary>
    /// The datasets a simulated target (<c>simulator:</c>) learns from to answer this suite; the default: none.
    /// </summary>
    IEnumerable<SimulatorKey> SimulatorKeys(SuiteDefinition suite) => [];

    /// <summary>
    /// For <c>merge</c>: a plan rebuilt from a stored suite result that can summarise records exactly
    /// as the run did (see <c>Sharding.SummaryPlans</c>); null when this kind cannot be merged.
    /// </summary>
    ISuitePlan? RebuildForMerge(SuiteResult stored, TargetDefinition target, int totalItems) => null;

    /// <summary>
    /// Compares head with its base (<see cref="SuitePair.Base"/> is set). The default pairs items on
    /// id (and prompt hash) and compares every metric, then adds the kind's part (<see cref="Attach"/>).
    /// </summary>
    SuiteComparison Compare(SuitePair pair) =>
        Attach(
            SuiteComparer.Compare(
                pair.Base!, pair.Head, pair.BaseItems, pair.HeadItems, pair.Blocking, pair.Primary, pair.Options),
            pair);

    /// <summary>
    /// Adds the kind's own part to a comparison, also of a suite new in head (no base); the default adds nothing.
    /// </summary>
    SuiteComparison Attach(SuiteComparison comparison, SuitePair pair) => comparison;

    /// <summary>
    /// The kind's own verdict and reasons for a compared suite, or null for the shared gate (metrics, floors, cases).
    /// </summary>
    (Verdict Verdict, List<string> Reasons)? Decide(SuiteComparison suite, GateSettings gate) => null;

    /// <summary>The kind's own section of a suite's report view (one format); the default adds none.</summary>
    SuiteView View(SuiteView view, SuiteComparison suite, ReportFormat format) => view;

    /// <summary>
    /// How the suite's items paired, for a report's definition-change note; null for the shared wording.
    /// </summary>
    string? PairingNote(SuiteComparison suite) => null;

    /// <summary>
    /// The run summary block of one suite (<c>cigate run</c>'s console output), or false to print the
    /// shared block (counts, metrics, groups, usage), to which <see cref="PrintDetails"/> adds lines.
    /// </summary>
    bool PrintSummary(TextWriter w, SuiteResult suite) => false;

    /// <summary>
    /// The kind's own lines inside the shared summary block, before the usage line; the default prints none.
    /// </summary>
    void PrintDetails(TextWriter w, SuiteResult suite)
    {
    }
}
