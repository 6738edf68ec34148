namespace CiGate.Core.History.Rendering;

/// <summary>A tagged run, as the history charts mark it.</summary>
public sealed record Release(string Tag, string? Commit, DateTimeOffset At);
