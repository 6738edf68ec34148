namespace CiGate.Core.History;

/// <summary>Which recorded runs <c>history list</c> shows; null fields do not filter. Newest first.</summary>
public sealed record HistoryFilter(string? Suite = null, string? Branch = null, string? Tag = null, DateTimeOffset? Since = null, int? Last = null);
