using CiGate.Core.Suites.Prompts.Assertions;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// One hand-written conversation: scripted user turns, trajectory assertions and text assertions
/// on the final answer (every assertion prompts suites know).
/// </summary>
internal sealed record ToolCase(
    string Id,
    string? Description,
    IReadOnlyList<string> Turns,
    TrajectoryExpect Expect,
    IReadOnlyList<IAssertion> Assertions,
    IReadOnlyList<string> AssertionSources);
