using System.Text.Json;

namespace CiGate.Simulator.Tools;

/// <summary>
/// One BFCL question the simulator knows: its id, the offered functions' parameter types (name →
/// parameter → BFCL type) and the possible answer's <c>ground_truth</c> (empty for irrelevance).
/// </summary>
internal sealed record BfclKeyItem(
    string Id,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Functions,
    IReadOnlyList<string> FunctionNames,
    JsonElement GroundTruth);
