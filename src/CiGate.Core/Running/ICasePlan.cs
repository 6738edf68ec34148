using System.Text.Json.Nodes;

namespace CiGate.Core.Running;

/// <summary>
/// An item plan whose items are test cases (× prompts) that <c>run --changed-since --reuse-from</c>
/// can select one by one: a case runs when its own definition or inputs changed, the others are
/// reused, while the suite-wide part of the definition is unchanged.
/// </summary>
public interface ICasePlan : IItemPlan
{
    /// <summary>The head's cases, in order.</summary>
    IReadOnlyList<CaseInputs> Cases { get; }

    /// <summary>The case an item asks.</summary>
    string CaseId(int index);

    /// <summary>
    /// A stored definition (results.json's <c>definition</c>) split into its suite-wide part (canonical
    /// JSON, comparable with the head's) and each case's part by id.
    /// </summary>
    (string Shared, IReadOnlyDictionary<string, string> Cases) Split(JsonObject definition);
}

/// <summary>One case: its id, declared <c>inputs:</c> globs and the files it references (full paths).</summary>
public sealed record CaseInputs(string Id, IReadOnlyList<string> Globs, IReadOnlyList<string> Files);
