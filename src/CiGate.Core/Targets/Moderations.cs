namespace CiGate.Core.Targets;

/// <summary>A moderations endpoint's verdicts, one per input in input order, and the model the server says produced them.</summary>
public sealed record Moderations(IReadOnlyList<ModerationResult> Results, string? ServedModel, bool FromCache);
