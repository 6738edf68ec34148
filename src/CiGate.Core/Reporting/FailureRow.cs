namespace CiGate.Core.Reporting;

/// <summary>
/// One test case failing on head (see Gating.FailingCase), escaped for the format: the status
/// ("newly failing", "still failing", "flaky", "critical"), the case (description and vars), its
/// target, the failing assertion with its reason, and the pass rates over repeats.
/// <see cref="Rank"/> orders rows when a size limit keeps only some: critical and newly failing
/// (0) before still failing (1) before flaky (2).
/// </summary>
internal sealed record FailureRow(
    int Rank,
    string Status,
    string Emoji,
    bool Critical,
    string Case,
    string Id,
    string Target,
    string Reason,
    string Base,
    string Head);

/// <summary>
/// One test case on one target as a JUnit testcase: <see cref="Failed"/> with the failing
/// assertion and reason as the message (newly failing, still failing, critical), or passed,
/// with a flaky case's mixed results in <see cref="Output"/>.
/// </summary>
internal sealed record CaseTestRow(string ClassName, string Name, bool Failed, string Type, string Message, string Output);
