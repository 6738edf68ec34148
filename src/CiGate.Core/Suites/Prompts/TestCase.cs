using CiGate.Core.Suites.Prompts.Assertions;

namespace CiGate.Core.Suites.Prompts;

/// <summary>
/// A test case: vars for the prompt and the assertions its output must meet. <see cref="Id"/>
/// is declared, or derived from the description and vars only, so editing an assertion keeps the
/// case's history. <see cref="Critical"/> (`critical: true`): any failure of the case on head
/// fails the gate, even when it failed on base too. <see cref="Unreviewed"/> (`unreviewed: true`, what
/// `cigate draft-tests` writes): the case runs and is reported, but never gates (neither the case gate nor the
/// suite's metrics) until a person removes the mark.
/// </summary>
public sealed record TestCase(
    string Id,
    string? Description,
    IReadOnlyDictionary<string, object?> Vars,
    IReadOnlyList<IAssertion> Assertions,
    IReadOnlyList<string> AssertionSources,
    double? Threshold,
    bool Critical = false)
{
    /// <summary>The case's own `request:` (tools, tool_choice, response_format), each key over the suite's.</summary>
    public Targets.RequestSurface? Request { get; init; }

    /// <summary>
    /// The case's own `inputs:` globs (relative to the config's folder): under `run --changed-since`
    /// a change to one of them runs this case alone. Not part of the definition.
    /// </summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>
    /// Full paths of the files the case references itself (`file://` vars, schemas): inputs without being declared.
    /// </summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Drafted and not yet reviewed by a person: runs and reports, never gates.</summary>
    public bool Unreviewed { get; init; }
}
