using CiGate.Core.Config;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// Tool-call suites: function calling against mocked tools, scored by BFCL's AST check or by
/// trajectory and text assertions. Items are test cases (compare pairs them on id, the gate lists failing ones).
/// </summary>
internal sealed class ToolsKind : ISuiteKind
{
    public string Name => ToolsSuite.KindName;

    public bool HasTestCases => true;

    public SuiteDefinition? Read(SuiteHeader header, MapReader map, string baseDirectory) =>
        ToolsSuiteReader.Read(header, map, baseDirectory);

    public IEnumerable<ISuitePlan> Plans(SuiteDefinition suite, PlanContext context) =>
        [.. suite.Targets.Select(t => new ToolsPlan((ToolsSuite)suite, context.Target(t)))];

    /// <summary>A simulated target answers BFCL items from the possible answers of the suite's folder.</summary>
    public IEnumerable<SimulatorKey> SimulatorKeys(SuiteDefinition suite) =>
        ((ToolsSuite)suite).Bfcl is { } bfcl ? [new SimulatorKey(SimulatorKeyKind.ToolCalls, bfcl.Folder, "", "")] : [];
}
