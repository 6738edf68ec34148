namespace CiGate.Core.Targets;

/// <summary>
/// One input's verdict as the endpoint sent it: <c>flagged</c>, <c>categories</c> and
/// <c>category_scores</c>. Fields the reply lacks or garbles are null (never a default that would
/// read as "not flagged"), and <see cref="Problem"/> says what was wrong, so the caller can turn
/// an unusable verdict into an error rather than a pass.
/// </summary>
public sealed record ModerationResult(
    bool? Flagged,
    IReadOnlyDictionary<string, bool>? Categories,
    IReadOnlyDictionary<string, double>? Scores,
    string? Problem);
