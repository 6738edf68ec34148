namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// One BFCL question with its possible answer: the user's messages (role, content), the offered
/// functions and the accepted calls (none for irrelevance).
/// </summary>
internal sealed record BfclItem(
    string Id,
    BfclCategory Category,
    IReadOnlyList<KeyValuePair<string, string>> Messages,
    IReadOnlyList<BfclFunction> Functions,
    IReadOnlyList<BfclExpectedCall> Answers);
