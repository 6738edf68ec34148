namespace CiGate.Core.Running;

/// <summary>
/// How far a run is. <paramref name="Status"/>, when set, is a one-off line about something that is
/// not a sample (a model server starting, then ready), shown as it comes rather than as a count.
/// </summary>
public readonly record struct RunProgress(int Done, int Total, int Errors, string? Status = null);
